namespace PdWarehouse.Etl.Loading;

/// <summary>
/// The control totals the loader can reconcile: for a manifest measure, the count of this delivery's
/// staged rows that reached the warehouse and meet the measure's condition. Measures are matched by name,
/// case-insensitively (docs/feeds.md lists them); a measure not listed is recorded with no loaded value.
/// </summary>
internal static class ControlTotalMeasures
{
    private const string AllRows = "1 = 1";

    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["records in period"] = AllRows,
        ["records"] = AllRows,
        ["rows"] = AllRows,
    };

    private static readonly Dictionary<string, Dictionary<string, string>> ByFeed = new(StringComparer.Ordinal)
    {
        ["ice-ero-discretion-decisions"] = Decisions(),
        ["ice-opla-case-dispositions"] = Decisions(),
        ["cbp-usbp-discretion-releases"] = Decisions(),
        ["ice-arrests"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["arrests in period"] = AllRows,
            ["ERO arrests in period"] = "s.Program = 'ICE-ERO'",
            ["HSI arrests in period"] = "s.Program = 'ICE-HSI'",
        },
        ["cbp-usbp-apprehensions"] = new(StringComparer.OrdinalIgnoreCase) { ["apprehensions in period"] = AllRows },
        ["cbp-ofo-inadmissibles"] = new(StringComparer.OrdinalIgnoreCase) { ["inadmissibles in period"] = AllRows },
        ["ice-ero-detention-bookins"] = new(StringComparer.OrdinalIgnoreCase) { ["book-ins in period"] = AllRows },
        ["ice-removals-returns"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["removals in period"] = "s.DepartureType IN ('ER', 'REINST', 'ADMDPT', 'JUDICIAL', 'VWP')",
            ["returns in period"] = "s.DepartureType IN ('VR', 'WD')",
            ["criminal removals in period"] = "s.DepartureType IN ('ER', 'REINST', 'ADMDPT', 'JUDICIAL', 'VWP') AND s.CriminalStatus = 'CRIMINAL'",
        },
        ["uscis-daca-requests"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["requests received"] = AllRows,
            ["requests accepted"] = "s.AcceptedDate IS NOT NULL",
            ["requests approved"] = "s.RequestStatus = 'APPROVED'",
            ["requests denied"] = "s.RequestStatus = 'DENIED'",
        },
    };

    private static Dictionary<string, string> Decisions() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["decisions in period"] = AllRows,
        ["PD decisions in period"] = AllRows,
        ["PD releases in period"] = "s.ActionCode = 'REL'",
        ["DACA-eligible releases in period"] = "s.ActionCode = 'REL' AND s.BasisCode = 'DACA-ELIGIBLE'",
        ["non-priority releases in period"] = "s.ActionCode = 'REL' AND s.BasisCode = 'NOT-PRIORITY'",
    };

    /// <summary>The row condition over staging row <c>s</c> for a measure, or null when the measure is not known.</summary>
    public static string? Condition(string feed, string measure) =>
        ByFeed.TryGetValue(feed, out var measures) && measures.TryGetValue(measure, out var c) ? c
        : Common.TryGetValue(measure, out var common) ? common
        : null;

    public static IEnumerable<(string Feed, string Measure, string Condition)> All =>
        ByFeed.SelectMany(f => f.Value.Select(m => (f.Key, m.Key, m.Value)))
            .Concat(ByFeed.Keys.SelectMany(f => Common.Select(m => (f, m.Key, m.Value))));
}
