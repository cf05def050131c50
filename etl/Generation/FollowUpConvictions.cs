namespace PdWarehouse.Etl.Generation;

/// <summary>
/// The generator's documented follow-up of PD recipients, stated here and nowhere else (docs/feeds.md and
/// docs/monitoring.md quote it; truth.json writes it as <c>monitoring.followUpConvictions</c>): some recipients of a PD
/// decision are booked into ICE detention as convicted (CRIMINAL) within 12 months of the decision, so the
/// `pd-recipients-convicted-12m` indicator has something to find. The rates are plausible, not published figures.
/// <para>
/// Only FY2015 carries such book-ins, for decisions recorded in FY2014: the rows are appended after FY2015's ordinary
/// book-ins, drawn from a stream of their own, so FY2012–FY2014 deliveries, and every other FY2015 row, keep their
/// bytes. FY2014's decisions are also the only ones whose 12 months end inside the generated years (FY2015 is the last).
/// </para>
/// </summary>
public static class FollowUpConvictions
{
    /// <summary>The fiscal year whose book-in delivery carries the follow-up rows; they follow the previous year's decisions.</summary>
    public const int BookInFiscalYear = 2015;

    public const int DecisionFiscalYear = BookInFiscalYear - 1;

    /// <summary>Share of a component's FY2014 PD decision records (a decision recorded twice counts once) whose person is booked in as CRIMINAL 1 to 365 days later.</summary>
    public static readonly IReadOnlyDictionary<string, double> Rate = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["ICE-ERO"] = 0.06,
        ["ICE-OPLA"] = 0.03,
        ["CBP-USBP"] = 0.04,
    };

    /// <summary>Days after the decision the book-in may fall on: 1 to this many.</summary>
    public const int WindowDays = 365;
}
