namespace PdWarehouse.Etl.Loading;

/// <summary>
/// The control totals the loader can reconcile: for a manifest measure, the count of this delivery's
/// staged rows that reached the warehouse and meet the measure's condition. Measures are matched by name,
/// case-insensitively (docs/feeds.md lists them); a measure not listed is recorded with no loaded value.
/// </summary>
internal static class ControlTotalMeasures
{
    private const string AllRows = "1 = 1";

    private const string InPeriod = "BETWEEN @PeriodStart AND @PeriodEnd";

    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["records in period"] = AllRows,
    };

    /// <summary>The measures of docs/feeds.md (section "Control totals"), per feed.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> ByFeed = new(StringComparer.Ordinal)
    {
        ["ice-ero-discretion-decisions"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["PD releases in period"] = "s.ActionCode = 'REL'",
            ["PD releases of non-priority persons in period"] = "s.ActionCode = 'REL' AND s.BasisCode = 'NOT-PRIORITY'",
        },
        ["ice-opla-case-dispositions"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["cases dismissed in period"] = "s.ActionCode = 'DISMISS'",
            ["cases administratively closed in period"] = "s.ActionCode = 'ADMIN-CLOSE'",
        },
        ["cbp-usbp-discretion-releases"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["PD releases in period"] = "s.ActionCode = 'REL'",
            ["DACA-eligible releases in period"] = "s.BasisCode = 'DACA-ELIGIBLE'",
        },
        ["ice-arrests"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ICE ERO administrative arrests in period"] = "s.Program = 'ICE-ERO'",
            ["ICE HSI administrative arrests in period"] = "s.Program = 'ICE-HSI'",
        },
        ["cbp-usbp-apprehensions"] = new(StringComparer.OrdinalIgnoreCase) { ["apprehensions in period"] = AllRows },
        ["ice-removals-returns"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["removals in period"] = "s.DepartureType IN ('ER', 'REINST', 'ADMDPT', 'JUDICIAL', 'VWP')",
            ["returns in period"] = "s.DepartureType IN ('VR', 'WD')",
            ["removals of criminal aliens in period"] = "s.DepartureType IN ('ER', 'REINST', 'ADMDPT', 'JUDICIAL', 'VWP') AND s.CriminalStatus = 'CRIMINAL'",
        },
        ["uscis-daca-requests"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["requests accepted in period"] = $"s.AcceptedDate {InPeriod}",
            ["requests approved in period"] = $"s.RequestStatus = 'APPROVED' AND s.DecisionDate {InPeriod}",
            ["requests denied in period"] = $"s.RequestStatus = 'DENIED' AND s.DecisionDate {InPeriod}",
        },
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
