using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Reports.Data;

/// <summary>
/// Every table of both reports, read from the rpt views in the SQL both engines share. Each query
/// returns cell facts (group, row label, column, count) that <see cref="TableBuilder"/> pivots;
/// disclosure control is applied by the caller once a table is complete. Tables may be built side by side
/// (<see cref="Documents"/> does): each query runs on a connection of its own, the caller's or a sibling of it.
/// </summary>
public sealed class ReportData(WarehouseConnection db, int fiscalYear) : IDisposable
{
    private const string EnforcementSource = "Source: U.S. Department of Homeland Security, PdWarehouse view rpt.EnforcementActionCount (CBP and ICE enforcement feeds).";
    private const string DiscretionSource = "Source: U.S. Department of Homeland Security, PdWarehouse view rpt.DiscretionDecisionCount (ICE, CBP and USCIS prosecutorial discretion feeds).";
    private const string PersonSource = "Source: U.S. Department of Homeland Security, PdWarehouse view rpt.DiscretionPerson (persons resolved across components).";
    private const string DacaSource = "Source: U.S. Citizenship and Immigration Services, PdWarehouse view rpt.DeferredActionRequestCount.";
    private const string LoadSource = "Source: PdWarehouse load records (etl.Lineage, etl.ControlTotal, etl.Reject, etl.DataQualityResult) through the rpt.Load views.";
    private const string NationalityNote = "Countries are grouped by the OIS region of nationality; countries with no actions in the years shown are omitted.";
    private const string UnknownDateNote = "Records whose event date is unknown cannot be assigned to a fiscal year and are not counted.";

    public static readonly IReadOnlyList<string> ComponentOrder = ["ICE-ERO", "ICE-HSI", "ICE-OPLA", "CBP-USBP", "CBP-OFO", "USCIS", "UNKNOWN"];
    /// <summary>Components as rows read the same as components as columns: "ICE ERO".</summary>
    private const string ComponentLabel = "REPLACE(ComponentCode, '-', ' ')";
    private static readonly IReadOnlyList<string> ComponentRowOrder = ComponentOrder.Select(c => c.Replace('-', ' ')).ToList();
    public static readonly IReadOnlyList<string> ProgramOrder = ["CBP Border Patrol", "ICE Homeland Security Investigations", "ICE Enforcement and Removal Operations"];
    public static readonly IReadOnlyList<string> RegionOrder = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America", "Unknown"];

    public int FiscalYear { get; } = fiscalYear;

    /// <summary>
    /// Composed beside another report's print (<see cref="ReportGenerator"/>): one query at a time, on the caller's
    /// connection alone, and no warm-up threads, so the composition takes about one core from Chromium (DuckDB may still
    /// run parts of a query on its own threads).
    /// </summary>
    public bool InBackground { get; init; }

    private int FirstYear => FiscalYear - 2;
    private static int EarliestYear => ReferenceData.EarliestDate.Year + 1;

    private object Params => new { fy = FiscalYear, first = FirstYear, earliest = EarliestYear, prior = FiscalYear - 1 };

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

    private List<CellFact> Facts(string sql) => Run(sql, Params);

    private List<CellFact> Run(string sql, object parameters) => Run<CellFact>(sql, parameters);

    private List<T> Run<T>(string sql, object parameters)
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
                $"Report query on {views} failed on {db.Description}: {ex.Message.Split('\n')[0]} (a warehouse created before this version needs `pdw warehouse init` or a deployment to get the report views).", ex);
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

    /// <summary>SUM(measure) by an optional group, a row label and a column, from one rpt view.</summary>
    private List<CellFact> Cross(string view, string measure, string label, string column, string where, string? group = null) =>
        Facts($"""
            SELECT {(group is null ? "" : group + " AS Grp, ")}{label} AS Label, CAST({column} AS VARCHAR(200)) AS Col, CAST(SUM({measure}) AS BIGINT) AS Value
            FROM {view}
            WHERE {where}
            GROUP BY {(group is null ? "" : group + ", ")}{label}, {column}
            """);

    private static List<TableColumn> YearColumns(IEnumerable<int> years) =>
        years.Select(y => new TableColumn(y.ToString(System.Globalization.CultureInfo.InvariantCulture), "FY" + y, SumsDown: true, SumsAcross: false)).ToList();

    private IReadOnlyList<int> ThreeYears => Enumerable.Range(FirstYear, 3).ToList();

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

    private static IReadOnlyList<TableColumn> ComponentColumns(IEnumerable<CellFact> facts) =>
        facts.Select(f => f.Col).Distinct()
            .OrderBy(c => ComponentOrder.ToList().IndexOf(c) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal)
            .Select(c => new TableColumn(c, c.Replace('-', ' '))).ToList();

    // ---- Enforcement (Yearbook tables 33-41) ----

    public ReportTable ApprehensionsByProgram(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "apprehensions-by-program", Number = number,
        Title = $"Aliens apprehended by program: fiscal years {FirstYear} to {FiscalYear}",
        StubHeader = "Program", Columns = YearColumns(ThreeYears), RowOrder = ProgramOrder,
        Source = EnforcementSource, Notes = [UnknownDateNote],
    }, Cross("rpt.EnforcementActionCount", "Actions", "ProgramName", "FiscalYear",
        "ActionCategory = 'APPREHENSION' AND FiscalYear BETWEEN @first AND @fy"));

    public ReportTable ApprehensionsBySector(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "apprehensions-by-border-patrol-sector", Number = number,
        Title = $"Aliens apprehended by the Border Patrol by region and sector: fiscal years {FirstYear} to {FiscalYear}",
        StubHeader = "Region and sector", Columns = YearColumns(ThreeYears), Grouped = true,
        RowOrder = ["Southwest border", "Northern border", "Coastal border"],
        Source = EnforcementSource, Notes = ["Sectors with no apprehensions in the years shown are omitted."],
    }, Cross("rpt.EnforcementActionCount", "Actions", "OfficeName", "FiscalYear",
        "ActionCategory = 'APPREHENSION' AND ComponentCode = 'CBP-USBP' AND FiscalYear BETWEEN @first AND @fy", "OfficeRegion"));

    public ReportTable ApprehensionsByAreaOfResponsibility(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "apprehensions-by-ero-area-of-responsibility", Number = number,
        Title = $"Administrative arrests by ICE Enforcement and Removal Operations area of responsibility: fiscal years {FirstYear} to {FiscalYear}",
        StubHeader = "Area of responsibility", Columns = YearColumns(ThreeYears),
        Source = EnforcementSource, Notes = ["Areas of responsibility with no arrests in the years shown are omitted."],
    }, Cross("rpt.EnforcementActionCount", "Actions", "OfficeName", "FiscalYear",
        "ActionCategory = 'APPREHENSION' AND ComponentCode = 'ICE-ERO' AND FiscalYear BETWEEN @first AND @fy"));

    private ReportTable ByCountry(string id, string number, string title, string category, IReadOnlyList<int> years, int? topN = null) => TableBuilder.Build(new TableSpec
    {
        Id = id, Number = number, Title = title,
        StubHeader = topN is null ? "Region and country of nationality" : "Country of nationality",
        Columns = YearColumns(years), Grouped = topN is null, RowOrder = RegionOrder,
        TopN = topN, TopColumnKey = FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Source = EnforcementSource,
        Notes = topN is null ? [NationalityNote] : [$"Countries ranked by the number in fiscal year {FiscalYear}."],
    }, Cross("rpt.EnforcementActionCount", "Actions", "NationalityCountryName", "FiscalYear",
        $"ActionCategory = '{category}' AND FiscalYear BETWEEN {years.Min()} AND {years.Max()}", topN is null ? "NationalityRegion" : null));

    public ReportTable ApprehensionsByCountry(string number) =>
        ByCountry("apprehensions-by-region-and-country", number,
            $"Aliens apprehended by region and country of nationality: {LoadedYearsLabel()}", "APPREHENSION", YearsOrReportYear());

    public ReportTable InadmissiblesByFieldOffice(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "inadmissibles-by-field-office", Number = number,
        Title = $"Aliens determined inadmissible by CBP Office of Field Operations field office: fiscal years {FirstYear} to {FiscalYear}",
        StubHeader = "Field office", Columns = YearColumns(ThreeYears),
        Source = EnforcementSource, Notes = ["Field offices with no determinations in the years shown are omitted."],
    }, Cross("rpt.EnforcementActionCount", "Actions", "OfficeName", "FiscalYear",
        "ActionCategory = 'INADMISSIBLE' AND FiscalYear BETWEEN @first AND @fy"));

    public ReportTable InadmissiblesByCountry(string number) =>
        ByCountry("inadmissibles-by-region-and-country", number,
            $"Aliens determined inadmissible by region and country of nationality: fiscal years {FirstYear} to {FiscalYear}", "INADMISSIBLE", ThreeYears);

    public ReportTable RemovalsAndReturnsByYear(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "removals-and-returns-by-fiscal-year", Number = number,
        Title = $"Aliens removed or returned: {LoadedYearsLabel()}",
        StubHeader = "Fiscal year", WithTotalRow = false,
        Columns = [new("REMOVAL", "Removals"), new("RETURN", "Returns")],
        Source = EnforcementSource,
        Notes = ["Removals are compulsory and confirmed movements out of the United States based on an order of removal; returns are confirmed movements not based on an order."],
    }, Facts("""
        SELECT CONCAT('FY', CAST(FiscalYear AS VARCHAR(4))) AS Label, ActionCategory AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
        FROM rpt.EnforcementActionCount
        WHERE ActionCategory IN ('REMOVAL', 'RETURN') AND FiscalYear BETWEEN @earliest AND @fy
        GROUP BY FiscalYear, ActionCategory
        """));

    public ReportTable ReturnsByCountry(string number) =>
        ByCountry("returns-by-region-and-country", number,
            $"Aliens returned by region and country of nationality: fiscal years {FirstYear} to {FiscalYear}", "RETURN", ThreeYears);

    private static readonly IReadOnlyList<TableColumn> CriminalColumns =
        [new("CRIMINAL", "Criminal"), new("NON-CRIMINAL", "Non-criminal"), new("UNKNOWN", "Unknown")];

    public ReportTable RemovalsByCriminalStatus(string number, int? topN = null) => TableBuilder.Build(new TableSpec
    {
        Id = topN is null ? "removals-by-criminal-status-region-and-country" : "removals-by-criminal-status-leading-countries", Number = number,
        Title = topN is null
            ? $"Aliens removed by criminal status and region and country of nationality: fiscal year {FiscalYear}"
            : $"Aliens removed by criminal status, leading countries of nationality: fiscal year {FiscalYear}",
        StubHeader = topN is null ? "Region and country of nationality" : "Country of nationality",
        Columns = CriminalColumns, WithTotalColumn = true, Grouped = topN is null, RowOrder = RegionOrder,
        TopN = topN, TopColumnKey = TableBuilder.TotalHeader,
        Source = EnforcementSource,
        Notes = ["Criminal refers to persons removed who have a prior criminal conviction, as recorded at the time of removal.", NationalityNote],
    }, Cross("rpt.EnforcementActionCount", "Actions", "NationalityCountryName", "CriminalStatus",
        "ActionCategory = 'REMOVAL' AND FiscalYear = @fy", topN is null ? "NationalityRegion" : null));

    public ReportTable LeadingCountries(string id, string number, string title, string category) =>
        ByCountry(id, number, title, category, Enumerable.Range(FiscalYear - 1, 2).ToList(), topN: 10);

    public ReportTable DetentionsByAreaOfResponsibility(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "detentions-by-area-of-responsibility", Number = number,
        Title = $"Initial book-ins to ICE detention by area of responsibility: fiscal years {FiscalYear - 1} and {FiscalYear}",
        StubHeader = "Area of responsibility", Columns = YearColumns([FiscalYear - 1, FiscalYear]),
        Source = EnforcementSource,
    }, Cross("rpt.EnforcementActionCount", "Actions", "OfficeName", "FiscalYear",
        "ActionCategory = 'BOOKIN' AND FiscalYear BETWEEN @prior AND @fy"));

    // ---- Prosecutorial discretion ----

    private const string DecisionNote = "A decision recorded again at a later stage of the same case is counted once.";

    public ReportTable DiscretionByComponentAndAction(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions", "ActionName", "ComponentCode", "FiscalYear = @fy");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-component-and-action", Number = number,
            Title = $"Prosecutorial discretion decisions by action and component: fiscal year {FiscalYear}",
            StubHeader = "Action", Columns = ComponentColumns(facts), WithTotalColumn = true,
            Source = DiscretionSource, Notes = [DecisionNote],
        }, facts);
    }

    public ReportTable DiscretionByBasis(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions", "BasisName", "ComponentCode", "FiscalYear = @fy");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-basis", Number = number,
            Title = $"Prosecutorial discretion decisions by basis and component: fiscal year {FiscalYear}",
            StubHeader = "Basis of the decision", Columns = ComponentColumns(facts), WithTotalColumn = true,
            Source = DiscretionSource, Notes = [DecisionNote, "\"No travel documents\" records releases because the home country will not cooperate with removal."],
        }, facts);
    }

    public ReportTable DiscretionByPolicy(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions", "PolicyTitle", "ComponentCode", "FiscalYear = @fy");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-policy", Number = number,
            Title = $"Prosecutorial discretion decisions by policy memorandum and component: fiscal year {FiscalYear}",
            StubHeader = "Policy", Columns = ComponentColumns(facts), WithTotalColumn = true,
            Source = DiscretionSource, Notes = [DecisionNote],
        }, facts);
    }

    public ReportTable DiscretionByOffice(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "pd-decisions-by-office", Number = number,
        Title = $"Prosecutorial discretion decisions by office and effect on the removal process: fiscal year {FiscalYear}",
        StubHeader = "Component and office", Grouped = true, WithTotalColumn = true,
        Columns = [new("Not placed in removal process", "Not placed in removal process"), new("Taken out of removal process", "Taken out of removal process"), new("Unknown", "Unknown")],
        RowOrder = ["Enforcement and Removal Operations", "Office of the Principal Legal Advisor", "U.S. Border Patrol", "Office of Field Operations"],
        Source = DiscretionSource, Notes = [DecisionNote],
    }, Cross("rpt.DiscretionDecisionCount", "Decisions", "OfficeName", "RemovalProcessEffect", "FiscalYear = @fy", "ComponentName"));

    public ReportTable DiscretionByPriority(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions",
            "CASE WHEN IsPriority = 1 THEN CONCAT('Priority ', PriorityCategoryCode) WHEN PriorityCode = 'UNKNOWN' THEN 'Unknown' ELSE 'Not a priority' END",
            "ComponentCode", "FiscalYear = @fy", "PriorityFramework");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-enforcement-priority", Number = number,
            Title = $"Prosecutorial discretion decisions by enforcement priority and component: fiscal year {FiscalYear}",
            StubHeader = "Framework and priority", Columns = ComponentColumns(facts), WithTotalColumn = true, Grouped = true,
            RowOrder = ["ICE 2011 civil enforcement priorities", "DHS 2014 enforcement priorities"],
            Source = DiscretionSource,
            Notes = [DecisionNote, "The ICE 2011 priorities were superseded by the DHS priorities of 20 November 2014; each decision is classified under the framework in force when it was made."],
        }, facts);
    }

    public ReportTable DiscretionByCountry(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions", "CitizenshipCountryName", "ComponentCode", "FiscalYear = @fy", "CitizenshipRegion");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-region-and-country", Number = number,
            Title = $"Prosecutorial discretion decisions by region and country of citizenship: fiscal year {FiscalYear}",
            StubHeader = "Region and country of citizenship", Columns = ComponentColumns(facts), WithTotalColumn = true, Grouped = true,
            RowOrder = RegionOrder, Source = DiscretionSource, Notes = [DecisionNote],
        }, facts);
    }

    public ReportTable DiscretionByQuarter(string number)
    {
        var facts = Cross("rpt.DiscretionDecisionCount", "Decisions", "CONCAT('Quarter ', CAST(FiscalQuarter AS VARCHAR(1)))", "ComponentCode", "FiscalYear = @fy");
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-by-quarter", Number = number,
            Title = $"Prosecutorial discretion decisions by fiscal quarter and component: fiscal year {FiscalYear}",
            StubHeader = "Fiscal quarter", Columns = ComponentColumns(facts), WithTotalColumn = true,
            Source = DiscretionSource, Notes = [DecisionNote, "Quarter 1 is October to December."],
        }, facts);
    }

    public ReportTable DiscretionComparedWithPriorYear(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "pd-decisions-compared-with-prior-year", Number = number,
        Title = $"Prosecutorial discretion decisions by component: fiscal years {FiscalYear - 1} and {FiscalYear}",
        StubHeader = "Component", Columns = YearColumns([FiscalYear - 1, FiscalYear]), RowOrder = ComponentRowOrder,
        Source = DiscretionSource, Notes = [DecisionNote],
    }, Cross("rpt.DiscretionDecisionCount", "Decisions", ComponentLabel, "FiscalYear", "FiscalYear BETWEEN @prior AND @fy"));

    public ReportTable DecisionsAndPersons(string number)
    {
        // rpt.DiscretionPerson has one row per person within a component, so a component's persons are its rows;
        // only the total, where a person may have rows in two components, needs DISTINCT (see FollowUpCounts).
        var facts = Facts("""
            SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Records' AS Col, CAST(SUM(Records) AS BIGINT) AS Value FROM rpt.DiscretionDecisionCount WHERE FiscalYear = @fy GROUP BY ComponentCode
            UNION ALL
            SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Decisions' AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value FROM rpt.DiscretionDecisionCount WHERE FiscalYear = @fy GROUP BY ComponentCode
            UNION ALL
            SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Persons' AS Col, CAST(COUNT(*) AS BIGINT) AS Value FROM rpt.DiscretionPerson WHERE FiscalYear = @fy GROUP BY ComponentCode
            UNION ALL
            SELECT '#TOTAL' AS Label, 'Persons' AS Col, CAST(COUNT(DISTINCT PersonId) AS BIGINT) AS Value FROM rpt.DiscretionPerson WHERE FiscalYear = @fy
            """);
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-decisions-and-distinct-persons", Number = number,
            Title = $"Prosecutorial discretion records, decisions and distinct persons by component: fiscal year {FiscalYear}",
            StubHeader = "Component", RowOrder = ComponentRowOrder,
            Columns = [new("Records", "Records"), new("Decisions", "Decisions"), new("Persons", "Distinct persons", SumsDown: false)],
            Source = PersonSource,
            Notes = ["Records counts every row received; decisions count a decision once however many stages recorded it.",
                     "A person with decisions in more than one component is counted once in the total, so distinct persons do not add up.",
                     "Records whose person could not be resolved are not counted as persons."],
        }, facts);
    }

    public ReportTable LaterArrests(string number)
    {
        // Per component, and for all components, where a person with decisions in two components counts once (folded
        // to one row per person first). A person whose records in the year all repeat an earlier decision (Decisions 0)
        // had no decision in it to follow up.
        var rows = Run<FollowUpRow>($"""
            SELECT REPLACE(ComponentCode, '-', ' ') AS Label, {FollowUpCounts("LaterArrested", "LaterConvicted")}
            FROM rpt.DiscretionPerson
            WHERE FiscalYear = @fy AND Decisions > 0
            GROUP BY ComponentCode
            UNION ALL
            SELECT '#TOTAL' AS Label, {FollowUpCounts("p.LaterArrested", "p.LaterConvicted")}
            FROM (SELECT PersonId, MAX(LaterArrested) AS LaterArrested, MAX(LaterConvicted) AS LaterConvicted
                  FROM rpt.DiscretionPerson WHERE FiscalYear = @fy AND Decisions > 0 GROUP BY PersonId) AS p
            """, Params);
        var facts = rows.SelectMany(r => new[]
        {
            new CellFact { Label = r.Label, Col = "Persons", Value = r.Persons },
            new CellFact { Label = r.Label, Col = "Arrested", Value = r.Arrested },
            new CellFact { Label = r.Label, Col = "Convicted", Value = r.Convicted },
            new CellFact { Label = r.Label, Col = "Either", Value = r.Either },
        }).ToList();
        return TableBuilder.Build(new TableSpec
        {
            Id = "pd-recipients-later-arrested-or-convicted", Number = number,
            Title = $"Persons granted prosecutorial discretion in fiscal year {FiscalYear} who were later apprehended, arrested or convicted",
            StubHeader = "Component of the decision", RowOrder = ComponentRowOrder,
            Columns = [new("Persons", "Persons with a PD decision", SumsDown: false), new("Arrested", "Later apprehended or arrested", SumsDown: false),
                       new("Convicted", "Later convicted", SumsDown: false), new("Either", "Later apprehended, arrested or convicted", SumsDown: false)],
            Source = PersonSource,
            Notes = ["Later means an apprehension or arrest, or a newly recorded criminal conviction, after the date of the decision, up to the date of the most recent load.",
                     "A person can have decisions from more than one component; the total counts each person once, so rows do not add up to it."],
        }, facts);
    }

    /// <summary>
    /// Persons and those later followed up, over rows that are one per person: rpt.DiscretionPerson has one row per fiscal
    /// year, component and person, so within a component COUNT needs no DISTINCT. DISTINCT with ROLLUP took 21–25 ms a
    /// query on a 50,000-person year, these counts 9 ms (bench/README.md).
    /// </summary>
    private static string FollowUpCounts(string arrested, string convicted) => $"""
        CAST(COUNT(*) AS BIGINT) AS Persons,
               CAST(COUNT(CASE WHEN {arrested} = 1 THEN 1 END) AS BIGINT) AS Arrested,
               CAST(COUNT(CASE WHEN {convicted} = 1 THEN 1 END) AS BIGINT) AS Convicted,
               CAST(COUNT(CASE WHEN {arrested} = 1 OR {convicted} = 1 THEN 1 END) AS BIGINT) AS Either
        """;

    private sealed class FollowUpRow
    {
        public string Label { get; set; } = "";
        public long Persons { get; set; }
        public long Arrested { get; set; }
        public long Convicted { get; set; }
        public long Either { get; set; }
    }

    /// <summary>
    /// Latest DACA statuses in publication order. The feed sends PENDING, APPROVED and DENIED (docs/feeds.md),
    /// which are always shown; the finer statuses of the fact table's older definition get a column only when present,
    /// so no request is ever dropped from the outcomes table for having a status it does not list.
    /// </summary>
    public static readonly IReadOnlyList<string> DacaStatusOrder = ["PENDING", "RECEIVED", "ACCEPTED", "APPROVED", "DENIED", "REJECTED"];
    private static readonly IReadOnlyList<string> DacaFeedStatuses = ["PENDING", "APPROVED", "DENIED"];

    public ReportTable DacaByStatusAndReferral(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "daca-requests-by-status-and-referral-source", Number = number,
        Title = $"Deferred Action for Childhood Arrivals requests received by latest status and referral source: fiscal year {FiscalYear}",
        StubHeader = "Latest status", WithTotalColumn = true, RowOrder = DacaStatusOrder.Select(StatusLabel).ToList(),
        Columns = [new("CBP", "Referred by CBP"), new("ICE", "Referred by ICE"), new("SELF", "Self-initiated")],
        Source = DacaSource,
        Notes = ["Requests are counted in the fiscal year USCIS received them, by their status at the most recent load.",
                 "Referred requests are those of persons a CBP or ICE officer identified as appearing DACA-eligible."],
    }, Cross("rpt.DeferredActionRequestCount", "Requests", "CONCAT(SUBSTRING(RequestStatus, 1, 1), LOWER(SUBSTRING(RequestStatus, 2, 20)))", "ReferralSource", "ReceiptFiscalYear = @fy"));

    private static string StatusLabel(string code) => code[..1] + code[1..].ToLowerInvariant();

    public ReportTable DacaReferralOutcomes(string number)
    {
        var facts = Cross("rpt.DeferredActionRequestCount", "Requests",
            "CASE ReferralSource WHEN 'CBP' THEN 'Referred by CBP' WHEN 'ICE' THEN 'Referred by ICE' ELSE 'Self-initiated' END",
            "RequestStatus", "ReceiptFiscalYear = @fy");
        var statuses = DacaFeedStatuses.Union(facts.Select(f => f.Col))
            .OrderBy(s => DacaStatusOrder.ToList().IndexOf(s) is var i and >= 0 ? i : int.MaxValue).ThenBy(s => s, StringComparer.Ordinal);
        return TableBuilder.Build(new TableSpec
        {
        Id = "daca-referral-outcomes", Number = number,
        Title = $"Outcomes of Deferred Action for Childhood Arrivals requests by referral source: requests received in fiscal year {FiscalYear}",
        StubHeader = "Referral source", WithTotalColumn = true, RowOrder = ["Referred by CBP", "Referred by ICE", "Self-initiated"],
        Columns = statuses.Select(s => new TableColumn(s, StatusLabel(s))).ToList(),
        Source = DacaSource,
        Notes = ["Pending requests (Received or Accepted in older deliveries) were still awaiting a decision at the most recent load."],
        }, facts);
    }

    public ReportTable DiscretionShareByOffice(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "pd-decisions-and-apprehensions-by-office", Number = number,
        Title = $"Apprehensions and prosecutorial discretion decisions by Border Patrol sector and ERO area of responsibility: fiscal year {FiscalYear}",
        StubHeader = "Office", Grouped = true, RowOrder = ["Border Patrol sector", "ERO area of responsibility"],
        Columns = [new("Apprehensions", "Apprehensions or arrests"), new("Decisions", "PD decisions")],
        Source = "Source: U.S. Department of Homeland Security, PdWarehouse views rpt.EnforcementActionCount and rpt.DiscretionDecisionCount.",
        Notes = ["The chart shows PD decisions as a share of apprehensions or arrests for offices whose two figures are both published."],
    }, Facts("""
        SELECT OfficeType AS Grp, OfficeName AS Label, 'Apprehensions' AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
        FROM rpt.EnforcementActionCount
        WHERE FiscalYear = @fy AND ActionCategory = 'APPREHENSION' AND OfficeType IN ('Border Patrol sector', 'ERO area of responsibility')
        GROUP BY OfficeType, OfficeName
        UNION ALL
        SELECT OfficeType AS Grp, OfficeName AS Label, 'Decisions' AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
        FROM rpt.DiscretionDecisionCount
        WHERE FiscalYear = @fy AND OfficeType IN ('Border Patrol sector', 'ERO area of responsibility')
        GROUP BY OfficeType, OfficeName
        """));

    public ReportTable RecordsPerPerson(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "pd-records-per-person", Number = number,
        Title = $"Persons with prosecutorial discretion records by number of records: fiscal year {FiscalYear}",
        StubHeader = "Records per person", RowOrder = ["1 record", "2 records", "3 or more records"],
        Columns = [new("Persons", "Persons"), new("Records", "Records")],
        Source = PersonSource,
        Notes = ["Counts all records of each resolved person across components, including the same decision recorded at several stages."],
    }, Run<PersonRecordsRow>("""
        SELECT CASE WHEN p.Records = 1 THEN '1 record' WHEN p.Records = 2 THEN '2 records' ELSE '3 or more records' END AS Label,
               CAST(COUNT(*) AS BIGINT) AS Persons, CAST(SUM(p.Records) AS BIGINT) AS Records
        FROM (SELECT PersonId, SUM(Records) AS Records FROM rpt.DiscretionPerson WHERE FiscalYear = @fy GROUP BY PersonId) AS p
        GROUP BY CASE WHEN p.Records = 1 THEN '1 record' WHEN p.Records = 2 THEN '2 records' ELSE '3 or more records' END
        """, Params).SelectMany(r => new[]
        {
            new CellFact { Label = r.Label, Col = "Persons", Value = r.Persons },
            new CellFact { Label = r.Label, Col = "Records", Value = r.Records },
        }).ToList());

    /// <summary>Both columns of the records-per-person table from one pass over rpt.DiscretionPerson.</summary>
    private sealed class PersonRecordsRow
    {
        public string Label { get; set; } = "";
        public long Persons { get; set; }
        public long Records { get; set; }
    }

    // ---- Data quality (operational counts: not subject to disclosure control) ----

    // A delivery belongs to the year when its period overlaps it.
    private const string FiscalYearPeriod = "PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart";

    private List<CellFact> LoadFacts(string sql) =>
        Run(sql, new { fyStart = new DateTime(FiscalYear - 1, 10, 1), fyEnd = new DateTime(FiscalYear, 9, 30) });

    public ReportTable LoadCompleteness(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "dq-completeness-by-feed", Number = number,
        Title = $"Completeness of the load by feed: deliveries covering fiscal year {FiscalYear}",
        StubHeader = "Feed", DisclosureControlled = false,
        Columns = [new("RowsRead", "Rows read"), new("RowsStaged", "Rows staged"), new("RowsRejected", "Rows rejected"), new("RowsInserted", "Rows inserted"), new("RowsUpdated", "Rows updated")],
        Source = LoadSource,
        Notes = ["For every file, rows read equal rows staged plus rows rejected; rows staged but neither inserted nor updated were already loaded."],
    }, LoadFacts($"""
        SELECT FeedName AS Label, 'RowsRead' AS Col, CAST(SUM(RowsRead) AS BIGINT) AS Value FROM rpt.LoadCompleteness WHERE {FiscalYearPeriod} GROUP BY FeedName
        UNION ALL SELECT FeedName, 'RowsStaged', CAST(SUM(RowsStaged) AS BIGINT) FROM rpt.LoadCompleteness WHERE {FiscalYearPeriod} GROUP BY FeedName
        UNION ALL SELECT FeedName, 'RowsRejected', CAST(SUM(RowsRejected) AS BIGINT) FROM rpt.LoadCompleteness WHERE {FiscalYearPeriod} GROUP BY FeedName
        UNION ALL SELECT FeedName, 'RowsInserted', CAST(SUM(RowsInserted) AS BIGINT) FROM rpt.LoadCompleteness WHERE {FiscalYearPeriod} GROUP BY FeedName
        UNION ALL SELECT FeedName, 'RowsUpdated', CAST(SUM(RowsUpdated) AS BIGINT) FROM rpt.LoadCompleteness WHERE {FiscalYearPeriod} GROUP BY FeedName
        """));

    public ReportTable ControlTotals(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "dq-reconciliation-with-control-totals", Number = number,
        Title = $"Reconciliation with the control totals reported by the components: fiscal year {FiscalYear}",
        StubHeader = "Feed and measure", WithTotalRow = false, DisclosureControlled = false,
        Columns = [new("Reported", "Reported by component", SumsDown: false), new("Loaded", "Loaded", SumsDown: false), new("Difference", "Difference", SumsDown: false)],
        Source = LoadSource,
        Notes = ["Difference is loaded minus reported; a negative difference means records the component counted did not load (see rejects by reason)."],
    }, LoadFacts($"""
        SELECT CONCAT(FeedName, ': ', MeasureName) AS Label, 'Reported' AS Col, CAST(SUM(ReportedValue) AS BIGINT) AS Value FROM rpt.LoadControlTotal WHERE {FiscalYearPeriod} GROUP BY FeedName, MeasureName
        UNION ALL SELECT CONCAT(FeedName, ': ', MeasureName), 'Loaded', CAST(SUM(COALESCE(LoadedValue, 0)) AS BIGINT) FROM rpt.LoadControlTotal WHERE {FiscalYearPeriod} GROUP BY FeedName, MeasureName
        UNION ALL SELECT CONCAT(FeedName, ': ', MeasureName), 'Difference', CAST(SUM(COALESCE(Difference, 0)) AS BIGINT) FROM rpt.LoadControlTotal WHERE {FiscalYearPeriod} GROUP BY FeedName, MeasureName
        """));

    public ReportTable RejectsByReason(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "dq-rejects-by-reason", Number = number,
        Title = $"Rows rejected by the load by feed and reason: fiscal year {FiscalYear}",
        StubHeader = "Feed and reason", Grouped = true, DisclosureControlled = false,
        Columns = [new("Rejects", "Rows rejected")],
        Source = LoadSource,
        Notes = ["Rejected rows are quarantined with file, line, field and reason and can be corrected and re-sent by the component."],
    }, LoadFacts($"""
        SELECT FeedName AS Grp, ReasonCode AS Label, 'Rejects' AS Col, CAST(SUM(Rejects) AS BIGINT) AS Value
        FROM rpt.LoadReject WHERE {FiscalYearPeriod} GROUP BY FeedName, ReasonCode
        """));

    public ReportTable DataTests(string number) => TableBuilder.Build(new TableSpec
    {
        Id = "dq-data-tests", Number = number,
        Title = $"Data tests run after each load by type: fiscal year {FiscalYear}",
        StubHeader = "Test type and severity", DisclosureControlled = false,
        Columns = [new("Tests", "Tests run"), new("FailedTests", "Tests failed"), new("FailingRows", "Failing rows")],
        Source = LoadSource,
    }, LoadFacts($"""
        SELECT CONCAT(TestType, ' (', Severity, ')') AS Label, 'Tests' AS Col, CAST(SUM(Tests) AS BIGINT) AS Value FROM rpt.LoadDataTest WHERE {FiscalYearPeriod} GROUP BY TestType, Severity
        UNION ALL SELECT CONCAT(TestType, ' (', Severity, ')'), 'FailedTests', CAST(SUM(FailedTests) AS BIGINT) FROM rpt.LoadDataTest WHERE {FiscalYearPeriod} GROUP BY TestType, Severity
        UNION ALL SELECT CONCAT(TestType, ' (', Severity, ')'), 'FailingRows', CAST(SUM(FailingRows) AS BIGINT) FROM rpt.LoadDataTest WHERE {FiscalYearPeriod} GROUP BY TestType, Severity
        """));

    private IReadOnlyList<int> YearsOrReportYear() => LoadedYears() is { Count: > 0 } y ? y : [FiscalYear];

    private string LoadedYearsLabel()
    {
        var years = YearsOrReportYear();
        return years.Count == 1 ? $"fiscal year {years[0]}" : $"fiscal years {years.Min()} to {years.Max()}";
    }
}
