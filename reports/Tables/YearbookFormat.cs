using System.Globalization;

namespace PdWarehouse.Reports.Tables;

/// <summary>How the Yearbook prints a count: thousands separators, "D" when withheld, "-" for zero, "NA" when not available (no value: its feed was not loaded for the period).</summary>
public static class YearbookFormat
{
    public const string Withheld = "D";
    public const string Zero = "-";
    public const string NotAvailable = "NA";

    public static string Count(long? value, bool withheld)
    {
        if (withheld) return Withheld;
        return value switch
        {
            null => NotAvailable,
            0 => Zero,
            long v => v.ToString("#,##0", CultureInfo.InvariantCulture),
        };
    }

    public static string Count(long value) => Count(value, false);

    /// <summary>A percentage with one decimal, for key findings and chart labels (never for a table cell).</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
