using System.Globalization;
using System.Text;

namespace PdWarehouse.Etl.Identity;

/// <summary>
/// The identity rules of docs/feeds.md: the forms components write identifiers in, reduced to one
/// canonical form each, so the same person's records hash alike whichever component sent them.
/// </summary>
public static class IdentifierNormalizer
{
    /// <summary>
    /// A-numbers arrive as A012345678, A12345678, 012345678 or A-012-345-678: digits only, leading zeros
    /// dropped, 1 to 9 digits, written back as "A" + 9 digits. Anything else is not an A-number.
    /// </summary>
    public static string? CanonicalANumber(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        Span<char> digits = stackalloc char[raw.Length];
        var n = 0;
        foreach (var c in raw)
        {
            if (c is >= '0' and <= '9') digits[n++] = c;
            else if (c is not ('A' or 'a' or '-' or ' ' or '.')) return null;
        }
        var trimmed = digits[..n].TrimStart('0');
        if (trimmed.Length is 0 or > 9) return null;
        return "A" + trimmed.ToString().PadLeft(9, '0');
    }

    /// <summary>FINs are compared on their digits alone.</summary>
    public static string? CanonicalFin(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>
    /// Names are compared after upper-casing, removing accents (NFD, combining marks dropped) and every
    /// non-letter: "Hernández-López" and "HERNANDEZ LOPEZ" are one name.
    /// </summary>
    public static string NameKey(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(c)) sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The name-and-birth key: only when every part is present, else null (too weak to link on).</summary>
    public static string? NameBirthKey(string? familyName, string? givenName, DateOnly? birthDate, string? country)
    {
        var family = NameKey(familyName);
        var given = NameKey(givenName);
        if (family.Length == 0 || given.Length == 0 || birthDate is null || string.IsNullOrWhiteSpace(country)) return null;
        return $"{family}|{given}|{birthDate:yyyy-MM-dd}|{country.Trim().ToUpperInvariant()}";
    }
}
