using System.Globalization;
using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Definitions;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports;

/// <summary>
/// Assembles a report from its definition (<see cref="ReportDefinitions"/>): tables in publication order, numbered as the
/// definition says, each put through disclosure control before anything (chart, key finding, CSV) reads it. Charts and
/// key findings find their tables by id.
/// </summary>
public static partial class Documents
{
    /// <param name="minimumCell">The threshold for every table (<c>--min-cell</c>), or null for each table's kind's (<see cref="DisclosurePolicy"/>).</param>
    /// <param name="computed">Builds the blocks the definition names <c>computed:</c>; required when it names any.</param>
    public static ReportDocument Build(ReportKind kind, ReportData data, int? minimumCell, DateOnly prepared, IComputedContent? computed = null)
    {
        var definition = data.Definitions.Report(kind switch { ReportKind.Yearbook => "yearbook", ReportKind.Annual => "annual", _ => "monitor" });
        var blocks = definition.Sections.SelectMany(s => s.Blocks).ToList();
        // The charts are drawn once the tables are in; ScottPlot's cold start is paid while the queries run, as is
        // loading the disclosure audit's solver. A warm-up that fails changes nothing: the real chart reports the failure.
        if (!data.InBackground && blocks.OfType<ChartDefinition>().Any()) _ = ChartFactory.WarmUp();
        if (!data.InBackground && minimumCell is null or > 1) _ = Disclosure.WarmUp();

        var tables = BuildTables(data, definition, minimumCell);
        var printed = definition.PrintedTables.Select(t => tables[t.TableId]).ToList();
        var fy = data.FiscalYear;

        var figure = 0;
        var tableNumber = printed.Count;
        // A computed table is put through the same control as the report's own; a report without --min-cell controls them at the rule for decisions about persons.
        var computedContext = new ComputedContext(data.Connection, data.Period, minimumCell ?? DisclosurePolicy.DecisionsAboutPersons,
            () => "Table " + (++tableNumber).ToString(CultureInfo.InvariantCulture), () => $"Figure {++figure}");
        IEnumerable<Block> Computed(ComputedDefinition block)
        {
            if (computed is null) throw new ReportDefinitionException($"{definition.File}: the block \"computed: {block.Name}\" needs content this report was not given.");
            foreach (var item in computed.Build(block.Name, computedContext))
            {
                if (item.Table is { } t)
                {
                    Disclosure.Apply(t, computedContext.MinimumCell);
                    printed.Add(t);
                    yield return Block.Of(t);
                }
                else if (item.Chart is { } c) yield return Block.Of(c);
                else yield return Block.Text([.. item.Paragraphs ?? []]);
            }
        }
        var sections = definition.Sections.Select(section =>
        {
            var sectionTables = section.Blocks.OfType<TableBlockDefinition>().Select(t => tables[t.TableId]).ToList();
            return new Section(section.Id, section.Title, section.Blocks.SelectMany(block => block switch
            {
                TextDefinition text => [Block.Text([.. text.Paragraphs.Select(p => Expand(p, fy, tables, sectionTables))])],
                TableBlockDefinition table => [Block.Of(tables[table.TableId])],
                ChartDefinition chart => [Block.Of(Chart(chart, $"Figure {++figure}", tables, fy))],
                AuditDefinition => [Block.Text([.. DisclosureAuditText.Paragraphs(printed, minimumCell)])],
                ComputedDefinition c => Computed(c).ToList(),
                _ => throw new InvalidOperationException($"A block of type {block.GetType().Name} has no rendering."),
            }).ToList());
        }).ToList();

        return new ReportDocument
        {
            // The monitoring report controls every table at one threshold, and says which.
            Kind = kind, FiscalYear = fy, MinimumCell = kind == ReportKind.Monitor ? computedContext.MinimumCell : minimumCell, Prepared = prepared.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            Title = definition.Title.Replace("{fy}", fy.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{period}", data.Period.Label, StringComparison.Ordinal),
            Period = kind == ReportKind.Monitor ? data.Period : null,
            ShortTitle = definition.ShortTitle,
            KeyFindings = definition.KeyFindings is { } roles ? KeyFindings.For(fy, role => tables[roles[role]]) : [],
            Sections = sections, Tables = printed,
        };
    }

    /// <summary>
    /// A report query takes about 8–12 ms, nearly all of it DuckDB binding and planning the view on one thread. One more
    /// at a time than there are cores was fastest on the 2-core bench machine: 26 annual queries in 0.30–0.34 s one at a
    /// time, 0.20 s three at a time, 0.22–0.27 s six at a time (bench/README.md). Never more than four, each a connection:
    /// a SQL Server serves other sessions too, and the client's cores say nothing of its capacity. A report composed
    /// beside another's print runs one at a time (<see cref="ReportData.InBackground"/>).
    /// </summary>
    private static int QueriesAtOnce(ReportData d) => d.InBackground ? 1 : Math.Min(Environment.ProcessorCount + 1, 4);

    /// <summary>
    /// Every table the report prints, numbered as its definition says (an edition's own number, or the next of its
    /// sequence), and every table its charts and key findings read without printing, built side by side.
    /// </summary>
    private static Dictionary<string, ReportTable> BuildTables(ReportData data, ReportDefinition definition, int? minimumCell)
    {
        var next = 0;
        var jobs = definition.PrintedTables
            .Select(t => (Id: t.TableId, Number: "Table " + (t.Number ?? (++next).ToString(CultureInfo.InvariantCulture))))
            .Concat(definition.UnprintedTables.Select(id => (Id: id, Number: "")))
            .ToList();
        var built = new ReportTable[jobs.Count];
        try
        {
            // Parallel.For returns only when every job has ended, failed or not: no query outlives a failure.
            Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = QueriesAtOnce(data) }, i =>
            {
                var table = data.Build(jobs[i].Id, jobs[i].Number);
                Disclosure.Apply(table, minimumCell ?? DisclosurePolicy.MinimumCell(data.Definitions.Tables[jobs[i].Id].Disclosure));
                built[i] = table;
            });
        }
        catch (AggregateException ex)
        {
            // The caller sees the failure itself (a ReportQueryException naming the view), not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        return built.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    private static ChartBlock Chart(ChartDefinition chart, string number, IReadOnlyDictionary<string, ReportTable> tables, int fy) => chart.Kind switch
    {
        "trends" => ChartFactory.Trends(number, tables[chart.Tables["apprehensions"]], tables[chart.Tables["removals-and-returns"]]),
        "decisions-by-quarter" => ChartFactory.DecisionsByQuarter(number, tables[chart.Tables["table"]], fy),
        "share-by-office" => ChartFactory.ShareByOffice(number, tables[chart.Tables["table"]], fy),
        _ => throw new ReportDefinitionException($"No chart \"{chart.Kind}\"."),
    };

    /// <summary>A section's paragraph with its words in braces filled in: the report year, a table's number, the section's tables.</summary>
    private static string Expand(string text, int fy, IReadOnlyDictionary<string, ReportTable> tables, IReadOnlyList<ReportTable> sectionTables) =>
        Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "fy" => fy.ToString(CultureInfo.InvariantCulture),
            "prior" => (fy - 1).ToString(CultureInfo.InvariantCulture),
            "tables" => $"Tables {Num(sectionTables[0])} to {Num(sectionTables[^1])}",
            var word when word.StartsWith("table:", StringComparison.Ordinal) => Num(tables[word["table:".Length..]]),
            _ => m.Value,
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z]+(:[a-z0-9-]+)?)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static string Num(ReportTable t) => t.Number["Table ".Length..];
}

/// <summary>
/// Key findings as sentences. Every figure comes from a published (post-suppression) table cell,
/// so a sentence can never reveal what a table withholds.
/// </summary>
public static class KeyFindings
{
    /// <summary>The findings of fiscal year <paramref name="fy"/>, reading each table by its role (<see cref="ReportDefinitions.KeyFindingRoles"/>).</summary>
    public static IReadOnlyList<string> For(int fy, Func<string, ReportTable> table)
    {
        var (byProgram, removalsReturns, removalsCriminal) = (table("by-program"), table("removals-and-returns"), table("removals-by-criminal-status"));
        var (byBasis, persons, priorYear, later, daca) = (table("by-basis"), table("persons"), table("prior-year"), table("later"), table("daca"));
        var list = new List<string>();
        var year = fy.ToString(CultureInfo.InvariantCulture);
        var prior = (fy - 1).ToString(CultureInfo.InvariantCulture);

        var total = TotalRow(byProgram);
        var now = Published(byProgram, total, byProgram.ColumnIndex(year));
        var before = Published(byProgram, total, byProgram.ColumnIndex(prior));
        if (now is long a)
            list.Add($"DHS apprehended {Count(a)} aliens in fiscal year {fy}" + (before is long b && b > 0
                ? $", {(a >= b ? "an increase" : "a decrease")} of {YearbookFormat.Percent(Math.Abs(a - b) / (double)b)} from {Count(b)} in fiscal year {fy - 1}."
                : "."));
        var bp = byProgram.Rows.FindIndex(r => r.Label == "CBP Border Patrol");
        if (now is long t && t > 0 && bp >= 0 && Published(byProgram, bp, byProgram.ColumnIndex(year)) is long bpCount)
            list.Add($"The Border Patrol made {Count(bpCount)} of these apprehensions ({YearbookFormat.Percent(bpCount / (double)t)}).");

        var fyRow = removalsReturns.Rows.FindIndex(r => r.Label == year);
        if (fyRow >= 0 && Published(removalsReturns, fyRow, removalsReturns.ColumnIndex("REMOVAL")) is long removed
            && Published(removalsReturns, fyRow, removalsReturns.ColumnIndex("RETURN")) is long returned)
        {
            var sentence = $"DHS removed {Count(removed)} aliens and returned {Count(returned)}";
            var crimTotal = TotalRow(removalsCriminal);
            if (Published(removalsCriminal, crimTotal, removalsCriminal.ColumnIndex("CRIMINAL")) is long criminal && removed > 0)
                sentence += $"; {Count(criminal)} of those removed ({YearbookFormat.Percent(criminal / (double)removed)}) had a prior criminal conviction";
            list.Add(sentence + ".");
        }

        var pRow = TotalRow(persons);
        if (Published(persons, pRow, persons.ColumnIndex("Decisions")) is long decisions)
        {
            var sentence = $"DHS components recorded {Count(decisions)} prosecutorial discretion decisions";
            if (Published(persons, pRow, persons.ColumnIndex("Persons")) is long people)
                sentence += $" concerning {Count(people)} distinct persons";
            if (Published(persons, pRow, persons.ColumnIndex("Records")) is long records && records != decisions)
                sentence += $"; {Count(records - decisions)} further records repeated a decision at a later stage";
            list.Add(sentence + ".");
        }

        var pyRow = TotalRow(priorYear);
        if (Published(priorYear, pyRow, priorYear.ColumnIndex(prior)) is long pdBefore && pdBefore > 0
            && Published(priorYear, pyRow, priorYear.ColumnIndex(year)) is long pdNow)
            list.Add($"Prosecutorial discretion decisions {(pdNow >= pdBefore ? "rose" : "fell")} by {YearbookFormat.Percent(Math.Abs(pdNow - pdBefore) / (double)pdBefore)}, from {Count(pdBefore)} in fiscal year {fy - 1} to {Count(pdNow)}.");

        var basisTotal = byBasis.TotalColumn ?? 0;
        var topBasis = byBasis.Rows.Where(r => r.Kind == RowKind.Detail && !r.Withheld[basisTotal] && r.Values[basisTotal] is > 0)
            .OrderByDescending(r => r.Values[basisTotal]).FirstOrDefault();
        if (topBasis is not null && Published(byBasis, TotalRow(byBasis), basisTotal) is long allBasis && allBasis > 0)
            list.Add($"The most frequent basis recorded was \u201c{topBasis.Label}\u201d ({Count(topBasis.Values[basisTotal]!.Value)} decisions, {YearbookFormat.Percent(topBasis.Values[basisTotal]!.Value / (double)allBasis)}).");

        var lRow = TotalRow(later);
        if (Published(later, lRow, later.ColumnIndex("Persons")) is long granted && Published(later, lRow, later.ColumnIndex("Either")) is long rearrested)
            list.Add($"Of the {Count(granted)} persons who received prosecutorial discretion in fiscal year {fy}, {Count(rearrested)} were later apprehended, arrested or convicted.");

        var dTotal = daca.TotalColumn ?? 0;
        var referred = new[] { "Referred by CBP", "Referred by ICE" }
            .Select(l => daca.Rows.FindIndex(r => r.Label == l)).Where(i => i >= 0)
            .Select(i => Published(daca, i, dTotal)).ToList();
        if (Published(daca, TotalRow(daca), dTotal) is long requests && referred.Count > 0 && referred.All(v => v is not null))
            list.Add($"USCIS received {Count(requests)} DACA requests in fiscal year {fy}, {Count(referred.Sum(v => v!.Value))} of them from persons CBP or ICE officers referred as appearing eligible.");
        return list;
    }

    private static int TotalRow(ReportTable t) => t.Rows.FindIndex(r => r.Kind == RowKind.Total);
    private static long? Published(ReportTable t, int row, int column) => row < 0 ? null : t.Published(new CellRef(row, column));
    private static string Count(long v) => v.ToString("#,##0", CultureInfo.InvariantCulture);
}
