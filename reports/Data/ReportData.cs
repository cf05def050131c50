using System.Globalization;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Definitions;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Warehouse;
using TableDefinition = PdWarehouse.Reports.Definitions.TableDefinition;

namespace PdWarehouse.Reports.Data;

/// <summary>
/// Runs the report tables' queries, each defined in <c>reports/definitions/tables</c> (<see cref="ReportDefinitions"/>), and
/// pivots their cell facts with <see cref="TableBuilder"/>; disclosure control is applied by the caller once a table is
/// complete. Tables may be built side by side (<see cref="Documents"/> does): each query runs on a connection of its own,
/// the caller's or a sibling of it.
/// </summary>
public sealed partial class ReportData(WarehouseConnection db, int fiscalYear) : IDisposable
{
    /// <summary>The report and table definitions to build from: those shipped beside the program unless given.</summary>
    public ReportDefinitions Definitions { get; init; } = ReportDefinitions.Default;

    public int FiscalYear { get; } = fiscalYear;

    /// <summary>The caller's connection: computed blocks run on it once every table's query has ended.</summary>
    public WarehouseConnection Connection => db;

    /// <summary>The months the report covers (@periodStart, @periodEnd): the monitoring report's, or the fiscal year.</summary>
    public ReportPeriod Period { get; init; } = ReportPeriod.FiscalYear(fiscalYear);

    /// <summary>
    /// Composed beside another report's print (<see cref="ReportGenerator"/>): one query at a time, on the caller's
    /// connection alone, and no warm-up threads, so the composition takes about one core from Chromium (DuckDB may still
    /// run parts of a query on its own threads).
    /// </summary>
    public bool InBackground { get; init; }

    private int FirstYear => FiscalYear - 2;
    private static int EarliestYear => ReferenceData.EarliestDate.Year + 1;

    /// <summary>Every parameter a table's SQL may use (<see cref="ReportDefinitions.Parameters"/>); a delivery belongs to a year when its period overlaps it.</summary>
    private object Params => new
    {
        fy = FiscalYear, first = FirstYear, earliest = EarliestYear, prior = FiscalYear - 1,
        fyStart = new DateTime(FiscalYear - 1, 10, 1), fyEnd = new DateTime(FiscalYear, 9, 30),
        periodStart = Period.Start.ToDateTime(TimeOnly.MinValue), periodEnd = Period.End.ToDateTime(TimeOnly.MinValue),
    };

    private readonly List<string> _queriesRun = [];
    private readonly List<(string Sql, TimeSpan Elapsed)> _queryTimes = [];

    /// <summary>Every SQL text run, so tests can bind each against the dacpac model.</summary>
    public IReadOnlyList<string> QueriesRun { get { lock (_gate) return [.. _queriesRun]; } }

    /// <summary>How long each query took, for the benchmark (queries run side by side, so these add up to more than <see cref="QueryWallTime"/>).</summary>
    public IReadOnlyList<(string Sql, TimeSpan Elapsed)> QueryTimes { get { lock (_gate) return [.. _queryTimes]; } }

    /// <summary>Wall-clock time during which at least one query was running.</summary>
    public TimeSpan QueryWallTime { get { lock (_gate) return _queryWall; } }

    private readonly Lock _gate = new();
    private TimeSpan _queryWall;
    private int _running;
    private readonly System.Diagnostics.Stopwatch _busy = new();

    // Connections not running a query; the caller's is the first. Siblings are opened as concurrent queries need them.
    private readonly System.Collections.Concurrent.ConcurrentBag<WarehouseConnection> _idle = [db];
    private readonly List<WarehouseConnection> _siblings = [];

    private List<T> Run<T>(string sql, object parameters, string? file = null)
    {
        lock (_gate)
        {
            _queriesRun.Add(sql);
            if (_running++ == 0) _busy.Restart();
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        WarehouseConnection? connection = null;
        List<T> rows;
        try
        {
            connection = Rent();
            rows = connection.Query<T>(sql, parameters).ToList();
        }
        catch (System.Data.Common.DbException ex)
        {
            // A query may read several views (a UNION): name them all, so the one missing is among them.
            var views = string.Join(", ", System.Text.RegularExpressions.Regex.Matches(sql, @"FROM\s+(rpt\.\w+)").Select(m => m.Groups[1].Value).Distinct());
            throw new ReportQueryException(
                $"Report query {(file is null ? "" : Path.GetFileName(file) + " ")}on {views} failed on {db.Description}: {ex.Message.Split('\n')[0]} (a warehouse created before this version needs `pdw warehouse init` or a deployment to get the report views).", ex);
        }
        finally
        {
            if (connection is not null) _idle.Add(connection);
            lock (_gate)
            {
                _queryTimes.Add((sql, clock.Elapsed));
                if (--_running == 0) _queryWall += _busy.Elapsed;
            }
        }
        return rows;
    }

    private WarehouseConnection Rent()
    {
        if (_idle.TryTake(out var idle)) return idle;
        lock (_siblings)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var sibling = db.OpenSibling();
            _siblings.Add(sibling);
            return sibling;
        }
    }

    /// <summary>Connections opened beside the caller's for queries that ran at the same time (until disposed, which closes them).</summary>
    public int SiblingConnectionsOpened { get { lock (_siblings) return _siblings.Count; } }

    private bool _disposed;

    /// <summary>Closes the sibling connections (every query has ended by then: tables are built to the end, failed or not); the caller's connection stays open.</summary>
    public void Dispose()
    {
        lock (_siblings)
        {
            _disposed = true;
            _idle.Clear();
            foreach (var sibling in _siblings) sibling.Dispose();
            _siblings.Clear();
        }
    }


    /// <summary>Fiscal years with any enforcement action up to the report year (the Yearbook's "every year loaded").</summary>
    public IReadOnlyList<int> LoadedYears()
    {
        // Several tables ask at once when they are built side by side; the query runs once.
        lock (_loadedYearsLock)
            return _loadedYears ??= Run<long>(
                "SELECT CAST(FiscalYear AS BIGINT) FROM rpt.EnforcementActionCount WHERE FiscalYear BETWEEN @earliest AND @fy GROUP BY FiscalYear ORDER BY FiscalYear", Params)
                .Select(y => (int)y).ToList();
    }

    private IReadOnlyList<int>? _loadedYears;
    private readonly Lock _loadedYearsLock = new();

    private IReadOnlyList<int> YearsOrReportYear() => LoadedYears() is { Count: > 0 } y ? y : [FiscalYear];

    /// <summary>Builds the table <paramref name="id"/> of <see cref="Definitions"/>, numbered <paramref name="number"/> (empty for a table not printed).</summary>
    public ReportTable Build(string id, string number) =>
        Build(Definitions.Tables.TryGetValue(id, out var definition) ? definition
            : throw new ReportDefinitionException($"No table \"{id}\" in {Definitions.Directory}."), number);

    public ReportTable Build(TableDefinition definition, string number)
    {
        var coverage = definition.Coverage;
        // Published figures fill the years the table's feeds were not loaded for (a long series), and only those.
        var published = definition.Published is { } series && coverage is not null ? PublishedFacts(series, coverage) : [];
        var publishedYears = published.Select(p => p.Year).Distinct().Order().ToList();
        var publishedCells = published.Select(p => (Row: coverage!.YearsInRows ? "" : p.Fact.Label, p.Year)).ToHashSet();
        // The years a table covers: those its feeds were loaded for (or published figures fill) when it says which feeds
        // it counts, else the years with any enforcement action. Words in braces are expanded before the query runs.
        IReadOnlyList<int> Covered() => coverage is null ? YearsOrReportYear()
            : CoveredYears(coverage.Feeds, all: false).Union(publishedYears).Order().ToList() is { Count: > 0 } y ? y : [FiscalYear];
        var title = Expand(definition.Title, Covered);
        var notes = definition.Notes.Select(n => Expand(n, Covered)).ToList();
        var source = Expand(definition.Source, Covered);
        var years = definition.Years switch
        {
            YearColumns.Three => Enumerable.Range(FirstYear, 3).ToList(),
            YearColumns.Two => [FiscalYear - 1, FiscalYear],
            YearColumns.Loaded => Covered(),
            _ => null,
        };
        var facts = definition.Shape == QueryShape.Long
            ? Run<CellFact>(definition.Sql, Params, definition.SqlFile)
            : WideFacts(definition);
        facts.AddRange(published.Select(p => new CellFact { Grp = p.Fact.Grp, Label = p.Fact.Label, Col = p.Fact.Col, Value = p.Fact.Value }));
        if (coverage is { YearsInRows: true } && definition.Columns.Count > 0)
        {
            // A table with a row per year has a row for every year anything was loaded, NA where its own feeds were not.
            var present = facts.Select(f => f.Label).ToHashSet(StringComparer.Ordinal);
            foreach (var year in CoveredYears(AllFeeds(), all: false).Select(y => y.ToString(CultureInfo.InvariantCulture)).Where(y => !present.Contains(y)))
                facts.Add(new CellFact { Label = year, Col = definition.Columns[0].Key, Value = 0 });
        }
        var columns = years is not null
            ? years.Select(y => // Headed "2012", as the Yearbook heads its year columns.
              new TableColumn(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), SumsDown: true, SumsAcross: false)).ToList()
            : definition.FromData is { } fromData ? ColumnsFrom(fromData, facts)
            : definition.Columns;
        var table = TableBuilder.Build(new TableSpec
        {
            Countries = definition.AllCountries ? Countries() : null,
            Id = definition.Id, Number = number, Title = title, StubHeader = definition.StubHeader, Columns = columns,
            Source = source, Notes = notes, WithTotalColumn = definition.TotalColumn, WithTotalRow = definition.TotalRow,
            Grouped = definition.Grouped, GroupsFirst = definition.GroupsFirst, RowOrder = definition.RowOrder,
            TopN = definition.Leading?.Count,
            TopColumnKey = definition.Leading is null ? null
                : definition.Leading.ByTotal ? TableBuilder.TotalHeader : FiscalYear.ToString(CultureInfo.InvariantCulture),
            DisclosureControlled = definition.Disclosure != DisclosureKind.DataQuality,
        }, facts, out var unlisted);
        // The codes only, never their counts: a count by code could undo the Other line's suppression.
        if (unlisted.Count > 0)
            table.Notes.Add($"Other: nationality codes the reference list does not hold, kept as recorded: {string.Join(", ", unlisted)} (counted in the data-quality appendix of the annual report).");
        if (coverage is not null && MarkNotAvailable(table, coverage, publishedCells))
            table.Notes.Add($"NA Not available: no delivery of {string.Join(" or ", coverage.Feeds)} was loaded for that fiscal year.");
        if (publishedYears.Count > 0) table.Notes.Add(SourcesNote(definition.Published!, published, coverage!));
        return table;
    }

    /// <summary>
    /// Which years came from where, as the footnote under a long series says it: the published years with the citation
    /// each figure carries (the definition's note when the query gives none), then the years counted from the records.
    /// </summary>
    private string SourcesNote(PublishedSeries series, List<(int Year, PublishedCell Fact)> published, CoverageDefinition coverage)
    {
        static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
        var sources = published.GroupBy(p => p.Year)
            .Select(g => (Year: g.Key, Citation: string.Join("; ", g.Select(p => p.Fact.Citation ?? series.Note).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))))
            .GroupBy(y => y.Citation, StringComparer.Ordinal)
            .OrderBy(g => g.Min(y => y.Year))
            .Select(g => $"{Capital(YearsLabel(g.Select(y => y.Year).Order().ToList()))}: published figures, {g.Key}.").ToList();
        var text = string.Join(" ", sources);
        var counted = CoveredYears(coverage.Feeds, all: true);
        if (counted.Count > 0)
            text += $" {Capital(YearsLabel(counted))}: counted from the records loaded, which take the place of any figure published for a year they cover.";
        return text;
    }

    /// <summary>
    /// Empties (null, printed NA) every cell whose feeds were not all loaded for its fiscal year; a total needs every feed
    /// of the table, so a total is never printed over a part that is not available. True when any cell is NA.
    /// </summary>
    private bool MarkNotAvailable(ReportTable table, CoverageDefinition coverage, IReadOnlySet<(string Row, int Year)> published)
    {
        var any = false;
        foreach (var row in table.Rows)
        {
            var feeds = row.Kind != RowKind.Total && coverage.RowFeeds.TryGetValue(row.Label, out var own) ? own : coverage.Feeds;
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var yearText = coverage.YearsInRows ? row.Label : table.Columns[c].Key;
                if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || IsCovered(feeds, year) || published.Contains((coverage.YearsInRows ? "" : row.Label, year))) continue;
                row.Values[c] = null;
                any = true;
            }
        }
        return any;
    }

    /// <summary>
    /// The published series' cells for years up to the report's before the first year the cell's feeds were all loaded
    /// for, each with its year (from the row label or the column, as the table's years run). Records win: a year they
    /// cover is counted from them even where a figure was published, and a year after the records begin that was not
    /// loaded stays NA, so a missing delivery shows rather than being papered over with a figure counted differently.
    /// </summary>
    private List<(int Year, PublishedCell Fact)> PublishedFacts(PublishedSeries series, CoverageDefinition coverage) =>
        Run<PublishedCell>(series.Sql, Params, series.SqlFile)
            .Select(f => (Text: coverage.YearsInRows ? f.Label : f.Col, Fact: f))
            .Where(x => int.TryParse(x.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(x => (Year: int.Parse(x.Text, CultureInfo.InvariantCulture), x.Fact))
            .Where(x => x.Year <= FiscalYear && (FirstLoadedYear(CellFeeds(coverage, x.Fact.Label)) is not { } first || x.Year < first))
            .ToList();

    /// <summary>Every country member with its region and whether the reference list holds it (rpt.Country); asked once.</summary>
    private IReadOnlyList<CountryMember> Countries()
    {
        lock (_loadedYearsLock)
            return _countries ??= Run<CountryMember>(
                "SELECT CountryCode, CountryName, Region, IsInReferenceList FROM rpt.Country ORDER BY CountryCode", Params);
    }

    private IReadOnlyList<CountryMember>? _countries;

    /// <summary>The feeds a cell counts: its row's own, if it names any and the years run across, else the table's.</summary>
    private static IReadOnlyList<string> CellFeeds(CoverageDefinition coverage, string label) =>
        !coverage.YearsInRows && coverage.RowFeeds.TryGetValue(label, out var own) ? own : coverage.Feeds;

    /// <summary>The first fiscal year up to the report's that every one of <paramref name="feeds"/> was loaded for, if any.</summary>
    private int? FirstLoadedYear(IReadOnlyList<string> feeds) =>
        CoveredYears(feeds, all: true) is { Count: > 0 } years ? years[0] : null;

    /// <summary>A cell of a published series, with the citation of the figure when the query gives one.</summary>
    private sealed class PublishedCell
    {
        public string? Grp { get; set; }
        public string Label { get; set; } = "";
        public string Col { get; set; } = "";
        public long Value { get; set; }
        public string? Citation { get; set; }
    }

    private sealed class CoverageRow
    {
        public string FeedName { get; set; } = "";
        public string ComponentCode { get; set; } = "";
        public long FirstYear { get; set; }
        public long LastYear { get; set; }
    }

    /// <summary>
    /// The fiscal years each feed was loaded for (etl.Lineage through rpt.LoadCompleteness, loads that succeeded): a
    /// delivery covers every fiscal year its period overlaps. Asked once, however many tables need it.
    /// </summary>
    private IReadOnlyList<CoverageRow> Deliveries()
    {
        lock (_loadedYearsLock)
            return _deliveries ??= Run<CoverageRow>("""
                SELECT FeedName, ComponentCode,
                       CAST(YEAR(PeriodStart) + CASE WHEN MONTH(PeriodStart) >= 10 THEN 1 ELSE 0 END AS BIGINT) AS FirstYear,
                       CAST(YEAR(PeriodEnd) + CASE WHEN MONTH(PeriodEnd) >= 10 THEN 1 ELSE 0 END AS BIGINT) AS LastYear
                FROM rpt.LoadCompleteness
                WHERE Status = 'SUCCEEDED'
                """, Params);
    }

    private IReadOnlyList<CoverageRow>? _deliveries;

    /// <summary>The feeds of records loaded; OIS's own deliveries (reference lists, published figures) count nothing by year.</summary>
    private IReadOnlyList<string> AllFeeds() => Deliveries().Where(d => d.ComponentCode != PdWarehouse.Etl.Feeds.FeedCatalog.ReferenceComponent)
        .Select(d => d.FeedName).Distinct(StringComparer.Ordinal).ToList();

    private bool IsCovered(IEnumerable<string> feeds, int year) =>
        feeds.All(f => Deliveries().Any(d => d.FeedName == f && d.FirstYear <= year && year <= d.LastYear));

    /// <summary>Fiscal years from the calendar's first to the report's that every feed (or, with <paramref name="all"/> false, any) was loaded for.</summary>
    private List<int> CoveredYears(IReadOnlyList<string> feeds, bool all) =>
        Enumerable.Range(EarliestYear, FiscalYear - EarliestYear + 1)
            .Where(y => all ? IsCovered(feeds, y) : feeds.Any(f => IsCovered([f], y))).ToList();

    /// <summary>"fiscal year 2014", "fiscal years 2012 to 2014", "fiscal years 2004, 2006 and 2010 to 2013": the years as they are, gaps shown.</summary>
    public static string YearsLabel(IReadOnlyList<int> years)
    {
        if (years.Count == 1) return $"fiscal year {years[0]}";
        var runs = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && years[j + 1] == years[j] + 1) j++;
            runs.Add(j == i ? $"{years[i]}" : $"{years[i]} to {years[j]}");
            i = j + 1;
        }
        var text = runs.Count == 1 ? runs[0] : string.Join(", ", runs.Take(runs.Count - 1)) + " and " + runs[^1];
        return $"fiscal years {text}";
    }

    private string Expand(string text, Func<IReadOnlyList<int>> covered) => text.Contains('{', StringComparison.Ordinal)
        ? Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "fy" => FiscalYear.ToString(CultureInfo.InvariantCulture),
            "first" => FirstYear.ToString(CultureInfo.InvariantCulture),
            "prior" => (FiscalYear - 1).ToString(CultureInfo.InvariantCulture),
            "years" => YearsLabel(covered()),
            _ => m.Value,
        })
        : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>Columns named by the values the query returned, plus those always shown, in the definition's order.</summary>
    private static List<TableColumn> ColumnsFrom(ColumnsFromData from, IEnumerable<CellFact> facts) =>
        from.Always.Union(facts.Select(f => f.Col))
            .OrderBy(c => from.Order.ToList().IndexOf(c) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal)
            .Select(c => new TableColumn(c, from.Header switch
            {
                HeaderStyle.DashesToSpaces => c.Replace('-', ' '),
                HeaderStyle.Capitalised => c.Length == 0 ? c : c[..1] + c[1..].ToLowerInvariant(),
                _ => c,
            })).ToList();

    /// <summary>
    /// A wide query returns one row per table row with a column per table column (several counts from one pass over a
    /// view); each of its numbers becomes the cell fact of the column its name keys.
    /// </summary>
    private List<CellFact> WideFacts(TableDefinition definition)
    {
        var rows = Run<dynamic>(definition.Sql, Params, definition.SqlFile);
        var facts = new List<CellFact>();
        foreach (IDictionary<string, object?> row in rows)
        {
            string? Text(string name) => row.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
            var label = Text("Label") ?? throw new ReportQueryException($"{definition.SqlFile}: a wide query must return a Label column.");
            var group = Text("Grp");
            foreach (var column in definition.Columns)
            {
                var cell = row.FirstOrDefault(kv => string.Equals(kv.Key, column.Key, StringComparison.OrdinalIgnoreCase));
                if (cell.Key is null)
                    throw new ReportQueryException($"{definition.SqlFile}: the query returns no column {column.Key} for the table's column \"{column.Header}\".");
                facts.Add(new CellFact { Grp = group, Label = label, Col = column.Key, Value = cell.Value is null ? 0 : Convert.ToInt64(cell.Value, CultureInfo.InvariantCulture) });
            }
        }
        return facts;
    }
}
