using System.Globalization;
using System.Text;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// The one way a value a sender wrote is shown in a message: deliveries are untrusted, and a message goes to an
/// operator's terminal, a log or a scheduler. Control and format characters (NUL, CR, LF, ESC, the C1 controls, the
/// bidirectional overrides, unpaired surrogates) are written as escapes, so an echoed value cannot clear a screen,
/// forge a line of output or hide what it is; and the value is cut, so one field cannot flood a log.
/// </summary>
public static class Echo
{
    /// <summary>The most characters of a value a message shows (before escaping); longer values end in "…".</summary>
    public const int MaxLength = 120;

    /// <summary>The value as a message shows it: escaped and cut to <see cref="MaxLength"/> characters.</summary>
    public static string Value(string? value) => value is null ? "(none)" : Escape(value, MaxLength);

    /// <summary>A whole message line that may carry echoed text (a database's error, say): escaped, cut at <paramref name="max"/>.</summary>
    public static string Line(string message, int max = 2000) => Escape(message, max);

    static string Escape(string value, int max)
    {
        var cut = value.Length > max;
        var text = cut ? value.AsSpan(0, max) : value.AsSpan();
        if (!cut && !NeedsEscape(text)) return value;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u007F': sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"); break;
                default:
                    if (IsUnsafe(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    else sb.Append(c);
                    break;
            }
        }
        if (cut) sb.Append('…');
        return sb.ToString();
    }

    static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c == '\\' || c < ' ' || c == '\u007F' || IsUnsafe(c)) return true;
        return false;
    }

    /// <summary>C1 controls, line and paragraph separators, format characters (bidi overrides, zero-width) and surrogates.</summary>
    static bool IsUnsafe(char c) => c >= '\u0080' && CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
