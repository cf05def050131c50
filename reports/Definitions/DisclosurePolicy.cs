namespace PdWarehouse.Reports.Definitions;

/// <summary>
/// The minimum cell of each kind of table when <c>--min-cell</c> is not given (docs/reports.md, "Disclosure control").
/// <list type="bullet">
/// <item>Enforcement events (apprehensions, inadmissibles, book-ins, removals, returns, by program, office or nationality):
/// 3, OIS's published rule ("Disclosure Policy of the Office of Immigration Statistics": cells are concealed "when counts
/// are lower than three"), under which the Yearbook prints counts such as 9, 8, 6 and 5 by country and withholds few.</item>
/// <item>Decisions about persons (prosecutorial discretion, DACA, persons and their later arrests): 10. These are not
/// counts of events but of decisions about identifiable people, a sensitive status in a small population, which a
/// reader may know something about (a family, an attorney); the same sparse tables give a threshold of 3 little room.</item>
/// <item>Data-quality counts (rows, rejects, tests): 1, not suppressed; they count records and checks, not people.</item>
/// </list>
/// Every kind keeps the audit's guarantee at its own threshold: no withheld cell can be narrowed to a range spanning less.
/// </summary>
public static class DisclosurePolicy
{
    public const int EnforcementEvents = 3;
    public const int DecisionsAboutPersons = 10;

    public static int MinimumCell(DisclosureKind kind) => kind switch
    {
        DisclosureKind.EnforcementEvents => EnforcementEvents,
        DisclosureKind.DecisionsAboutPersons => DecisionsAboutPersons,
        _ => 1,
    };
}
