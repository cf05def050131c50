using System.Globalization;
using System.Text;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// The identity rules of docs/feeds.md §7 as functions, so that the generator's truth and the loader's resolution
/// normalise identifiers the same way.
/// </summary>
public static class IdentityKeys
{
    /// <summary>"A" + 9 digits, or null when the digits (leading zeros dropped) are not 1 to 9 long.</summary>
    public static string? CanonicalANumber(string? written)
    {
        if (written is null) return null;
        Span<char> digits = stackalloc char[Math.Min(written.Length, 64)];
        var n = 0;
        foreach (var c in written)
            if (char.IsAsciiDigit(c) && (n > 0 || c != '0'))
            {
                if (n == digits.Length) return null;
                digits[n++] = c;
            }
        return n is >= 1 and <= 9 ? "A" + new string(digits[..n]).PadLeft(9, '0') : null;
    }

    /// <summary>The digits of a FIN, or null when there are none.</summary>
    public static string? CanonicalFin(string? written)
    {
        if (written is null) return null;
        var digits = new string(written.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Upper case, accents removed (NFD, combining marks dropped), letters only.</summary>
    public static string NormaliseName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(ch)) sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Family name, given name, birth date and country as one key; null unless all four are present.</summary>
    public static string? NameKey(string? familyName, string? givenName, DateOnly? birthDate, string? countryCode) =>
        familyName is null || givenName is null || birthDate is null || countryCode is null
            ? null
            : $"{NormaliseName(familyName)}|{NormaliseName(givenName)}|{birthDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{countryCode}";

    // The typed identifiers as the loader hashes them ("A:" + canonical A-number, "F:" + FIN digits, "N:" + name key),
    // written as UTF-8 straight into the caller's buffer: the same bytes the functions above give as text, without a
    // string per identifier. Each returns the length written, 0 when there is no identifier, or -1 when the buffer is
    // too small (the caller then takes the text route).

    /// <summary>"A:A" + 9 digits (<see cref="CanonicalANumber"/>).</summary>
    public static int WriteANumberKey(ReadOnlySpan<char> written, Span<byte> into)
    {
        Span<byte> digits = stackalloc byte[9];
        var n = 0;
        foreach (var c in written)
            if (char.IsAsciiDigit(c) && (n > 0 || c != '0'))
            {
                if (n == 9) return 0;   // ten or more significant digits: not an A-number
                digits[n++] = (byte)c;
            }
        if (n == 0) return 0;
        if (into.Length < 12) return -1;
        "A:A"u8.CopyTo(into);
        into[3..(12 - n)].Fill((byte)'0');
        digits[..n].CopyTo(into[(12 - n)..]);
        return 12;
    }

    /// <summary>"F:" + the FIN's digits (<see cref="CanonicalFin"/>).</summary>
    public static int WriteFinKey(ReadOnlySpan<char> written, Span<byte> into)
    {
        var n = 2;
        foreach (var c in written)
            if (char.IsAsciiDigit(c))
            {
                if (n == into.Length) return -1;
                into[n++] = (byte)c;
            }
        if (n == 2) return 0;
        "F:"u8.CopyTo(into);
        return n;
    }

    /// <summary>
    /// "N:" + <see cref="NameKey"/>. Names in ASCII (nearly all) are normalised here byte by byte, which for ASCII is what
    /// <see cref="NormaliseName"/> does (decomposition and mark removal change nothing); any other name goes through it.
    /// </summary>
    public static int WriteNameKey(string familyName, string givenName, DateOnly birthDate, string countryCode, Span<byte> into)
    {
        if (!System.Text.Ascii.IsValid(familyName) || !System.Text.Ascii.IsValid(givenName) || !System.Text.Ascii.IsValid(countryCode))
        {
            var text = "N:" + NameKey(familyName, givenName, birthDate, countryCode);
            return Encoding.UTF8.GetByteCount(text) > into.Length ? -1 : Encoding.UTF8.GetBytes(text, into);
        }
        if (into.Length < 2 + familyName.Length + givenName.Length + 12 + countryCode.Length) return -1;
        "N:"u8.CopyTo(into);
        var n = 2;
        foreach (var c in familyName)
            if (char.IsAsciiLetter(c)) into[n++] = (byte)char.ToUpperInvariant(c);
        into[n++] = (byte)'|';
        foreach (var c in givenName)
            if (char.IsAsciiLetter(c)) into[n++] = (byte)char.ToUpperInvariant(c);
        into[n++] = (byte)'|';
        n += WriteDate(birthDate, into[n..]);
        into[n++] = (byte)'|';
        foreach (var c in countryCode) into[n++] = (byte)c;
        return n;
    }

    private static int WriteDate(DateOnly date, Span<byte> into)
    {
        // yyyy-MM-dd for years 1..9999, as the invariant culture writes them.
        int y = date.Year, m = date.Month, d = date.Day;
        into[0] = (byte)('0' + y / 1000); into[1] = (byte)('0' + y / 100 % 10); into[2] = (byte)('0' + y / 10 % 10); into[3] = (byte)('0' + y % 10);
        into[4] = (byte)'-';
        into[5] = (byte)('0' + m / 10); into[6] = (byte)('0' + m % 10);
        into[7] = (byte)'-';
        into[8] = (byte)('0' + d / 10); into[9] = (byte)('0' + d % 10);
        return 10;
    }
}
