using System.Globalization;

namespace PdWarehouse.Etl.Generation;

/// <summary>How a component writes a person's identifiers on one record.</summary>
public enum NameStyle { Legacy, LegacyAccented, Mixed }

/// <summary>
/// The written forms components use. All forms of one person normalise to the same keys under the identity rules
/// (A-number: digits, leading zeros dropped; names: upper case, no accents, letters only).
/// </summary>
public static class WrittenForms
{
    /// <summary>A-number forms: A012345678, A12345678, 012345678, 12345678, A-012-345-678.</summary>
    public static string ANumber(long number, int form)
    {
        var padded = number.ToString("D9", CultureInfo.InvariantCulture);
        return form switch
        {
            0 => "A" + padded,
            1 => "A" + number.ToString(CultureInfo.InvariantCulture),
            2 => padded,
            3 => number.ToString(CultureInfo.InvariantCulture),
            _ => $"A-{padded[..3]}-{padded[3..6]}-{padded[6..]}",
        };
    }

    public const int ANumberForms = 5;

    public static string Name(string display, NameStyle style) => style switch
    {
        NameStyle.Legacy => Names.Legacy(display),
        NameStyle.LegacyAccented => display.ToUpperInvariant(),
        _ => display,
    };

    /// <summary>
    /// A spelling that differs from every clean form only in case, accents, punctuation or spacing — what a re-keyed
    /// record looks like. Normalises to the same key as <paramref name="display"/>.
    /// </summary>
    public static string Variant(string display, int kind) => kind switch
    {
        0 => Names.Legacy(display).ToLowerInvariant(),
        1 => display.Replace(' ', '-'),
        2 => "  " + display.Replace(" ", "   ") + " ",
        3 => Names.Legacy(display).Replace(" ", ". ") + ".",
        _ => display.ToLowerInvariant().Replace(" ", ", "),
    };

    public const int VariantKinds = 5;
}
