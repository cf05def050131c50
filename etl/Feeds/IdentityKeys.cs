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
}
