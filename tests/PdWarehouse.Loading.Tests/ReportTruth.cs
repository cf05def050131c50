using System.Globalization;
using System.Text.Json;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A report table as truth.json implies it, built here without the report code: detail rows from the truth's
/// counts and the reference lists' names, subtotals and totals by adding them up. Values are keyed by
/// "row type|group|label" as the CSV writes them; a null value is a cell truth.json does not determine. A column of
/// <see cref="NotAvailable"/> is a fiscal year no delivery was generated for: every cell of it must print NA.
/// </summary>
public sealed record ExpectedTable(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, long?[]> Rows)
{
    public IReadOnlySet<string> NotAvailable { get; init; } = new HashSet<string>();
}

/// <summary>One count of truth: the group and row label it belongs to, and the column header it falls under.</summary>
public readonly record struct TruthCell(string Group, string Label, string Column, long Value);

public sealed class ReportTruth
{
    private readonly JsonElement _truth;
    private readonly string _deliveries;
    private readonly Dictionary<string, string[]> _offices, _countries, _components, _policies, _priorities;
    private readonly Dictionary<string, string> _actionNames, _basisNames, _effects;
    private const int Fy = 2014;

    public ReportTruth(JsonElement truth, string deliveries)
    {
        _truth = truth;
        _deliveries = deliveries;
        var reference = WarehouseSources.Locate().ReferenceDirectory;
        Dictionary<string, string[]> Read(string file, int key) => ReadCsv(Path.Combine(reference, file)).Skip(1).ToDictionary(r => r[key], r => r);
        _offices = Read("dw.DimOffice.csv", 1);         // OfficeKey,OfficeCode,OfficeName,OfficeType,ComponentCode,ParentOfficeCode,StateCode,OfficeRegion
        _countries = Read("dw.DimCountry.csv", 1);      // CountryKey,CountryCode,IsoAlpha3,CountryName,Region,IsWithdrawn,IsInReferenceList
        _components = Read("dw.DimComponent.csv", 1);   // ComponentKey,ComponentCode,ComponentName,Agency,AgencyName,ProgramName
        _policies = Read("dw.DimPolicy.csv", 1);        // PolicyKey,PolicyCode,PolicyTitle,...
        _priorities = Read("dw.DimEnforcementPriority.csv", 1); // Key,PriorityCode,Framework,FrameworkPolicyCode,PriorityLevel,CategoryCode,CategoryDescription,IsPriority
        var decisions = ReadCsv(Path.Combine(reference, "dw.DimDiscretionDecision.csv")).Skip(1).ToList(); // Key,ActionCode,ActionName,BasisCode,BasisName,RemovalProcessEffect,IsDeferredAction
        _actionNames = decisions.GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.Select(r => r[2]).Distinct().Single());
        _basisNames = decisions.GroupBy(r => r[3]).ToDictionary(g => g.Key, g => g.Select(r => r[4]).Distinct().Single());
        _effects = decisions.GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.Select(r => r[5]).Distinct().Single());
    }

    /// <summary>Tables whose every figure truth.json determines (data-quality tables: the columns it determines).</summary>
    public static readonly IReadOnlyList<(string Report, string Table)> Checked =
    [
        ("yearbook", "aliens-apprehended-by-fiscal-year"), ("yearbook", "apprehensions-by-program"), ("yearbook", "apprehensions-by-border-patrol-sector"),
        ("yearbook", "apprehensions-by-ero-area-of-responsibility"), ("yearbook", "apprehensions-by-region-and-country"),
        ("yearbook", "inadmissibles-by-field-office"), ("yearbook", "inadmissibles-by-region-and-country"),
        ("yearbook", "removals-and-returns-by-fiscal-year"), ("yearbook", "returns-by-region-and-country"),
        ("yearbook", "removals-by-criminal-status-region-and-country"),
        ("yearbook", "pd-decisions-by-component-and-action"), ("yearbook", "pd-decisions-by-basis"), ("yearbook", "pd-decisions-by-office"),
        ("yearbook", "pd-decisions-by-enforcement-priority"), ("yearbook", "pd-decisions-by-region-and-country"),
        ("yearbook", "pd-decisions-and-distinct-persons"), ("yearbook", "daca-requests-by-status-and-referral-source"),
        ("annual", "apprehensions-by-program"), ("annual", "apprehensions-leading-countries"), ("annual", "inadmissibles-by-field-office"),
        ("annual", "inadmissibles-leading-countries"), ("annual", "detentions-by-area-of-responsibility"), ("annual", "detentions-leading-countries"),
        ("annual", "removals-and-returns-by-fiscal-year"), ("annual", "removals-by-criminal-status-leading-countries"), ("annual", "returns-leading-countries"),
        ("annual", "pd-decisions-by-component-and-action"), ("annual", "pd-decisions-by-quarter"), ("annual", "pd-decisions-by-policy"),
        ("annual", "pd-decisions-by-basis"), ("annual", "pd-decisions-and-apprehensions-by-office"), ("annual", "pd-decisions-by-enforcement-priority"),
        ("annual", "pd-decisions-compared-with-prior-year"), ("annual", "pd-decisions-and-distinct-persons"), ("annual", "daca-referral-outcomes"),
        ("annual", "dq-completeness-by-feed"), ("annual", "dq-reconciliation-with-control-totals"), ("annual", "dq-rejects-by-reason"),
        ("annual", "pd-records-per-person"), ("annual", "dq-country-codes-not-in-the-reference-list"),
        ("monitor", "pd-decisions-by-quarter-in-period"),
    ];

    /// <summary>
    /// The monitoring report's computed tables: their figures are the indicators' measurements, which
    /// PdWarehouse.Monitoring.Tests checks against truth.json's monitoring section (WhenIndicatorsFollowAPerson,
    /// WhenThePolicyTakesEffect, and WhenTheMonitoringReportIsRendered for the scorecard as printed); the goals table
    /// prints the goals file, not data.
    /// </summary>
    public static readonly IReadOnlyList<string> CheckedByTheMonitoringTests =
        ["monitoring-goals", "monitoring-scorecard", "monitoring-offices", "monitoring-completeness", "monitoring-before-after"];

    /// <summary>
    /// Tables truth.json cannot determine: the follow-up needs every later arrest and conviction per decision (the
    /// generator keeps only whether a person was re-arrested after their first decision), and the data tests'
    /// counts depend on the loader's test catalogue, not on the generated data.
    /// </summary>
    public static readonly IReadOnlyList<string> NotDetermined = ["pd-recipients-later-arrested-or-convicted", "dq-data-tests"];

    public ExpectedTable Expected(string table) => table switch
    {
        "apprehensions-by-program" => Years(Enforcement("APPREHENSION", "program").Select(e => e with { Label = _components[e.Label][5] }), ThreeYears),
        "apprehensions-by-border-patrol-sector" => Years(ProgramOffice("APPREHENSION", "CBP-USBP").Select(e => e with { Group = _offices[e.Label][7], Label = _offices[e.Label][2] }), ThreeYears, grouped: true),
        "apprehensions-by-ero-area-of-responsibility" => Years(ProgramOffice("APPREHENSION", "ICE-ERO").Select(e => e with { Label = _offices[e.Label][2] }), ThreeYears),
        "apprehensions-by-region-and-country" => Years(OnCountryLines(ByCountry("APPREHENSION")), LoadedYears(), grouped: true, lines: CountryLines()),
        "inadmissibles-by-field-office" => Years(Enforcement("INADMISSIBLE", "office").Select(e => e with { Label = _offices[e.Label][2] }), ThreeYears),
        "inadmissibles-by-region-and-country" => Years(OnCountryLines(ByCountry("INADMISSIBLE")), ThreeYears, grouped: true, lines: CountryLines()),
        "returns-by-region-and-country" => Years(OnCountryLines(ByCountry("RETURN")), ThreeYears, grouped: true, lines: CountryLines()),
        "aliens-apprehended-by-fiscal-year" => Pivot(
            Enforcement("APPREHENSION", "program").Select(e => new TruthCell("", e.Column, "Number", e.Value))
                .Where(e => int.Parse(e.Label, CultureInfo.InvariantCulture) <= Fy)
                .Concat(PublishedBefore("33", ("APPREHENSION", "Number"))),
            ["Number"], totalRow: false),
        "removals-and-returns-by-fiscal-year" => Pivot(
            Enforcement("REMOVAL", "program").Select(e => new TruthCell("", e.Column, "Removals", e.Value))
                .Concat(Enforcement("RETURN", "program").Select(e => new TruthCell("", e.Column, "Returns", e.Value)))
                .Where(e => int.Parse(e.Label, CultureInfo.InvariantCulture) <= Fy)
                .Concat(PublishedBefore("39", ("REMOVAL", "Removals"), ("RETURN", "Returns"))),
            ["Removals", "Returns"], totalRow: false),
        "removals-by-criminal-status-region-and-country" => Pivot(OnCountryLines(CriminalByCountry()), CriminalColumns, grouped: true, totalColumn: true, lines: CountryLines()),
        "removals-by-criminal-status-leading-countries" => Pivot(CriminalByCountry().Select(e => e with { Group = "" }), CriminalColumns, totalColumn: true, top: v => v.Sum()),
        "apprehensions-leading-countries" => Leading("APPREHENSION"),
        "inadmissibles-leading-countries" => Leading("INADMISSIBLE"),
        "detentions-leading-countries" => Leading("BOOKIN"),
        "returns-leading-countries" => Leading("RETURN"),
        "detentions-by-area-of-responsibility" => Years(Enforcement("BOOKIN", "office").Select(e => e with { Label = _offices[e.Label][2] }), [Fy - 1, Fy]),
        "pd-decisions-by-component-and-action" => ByComponent(Decisions().Select(d => ("", _actionNames[d.Action], d.Component, d.Records, d.Decisions))),
        "pd-decisions-by-basis" => ByComponent(Decisions().Select(d => ("", _basisNames[d.Basis], d.Component, d.Records, d.Decisions))),
        "pd-decisions-by-quarter" => ByComponent(ByDimension("quarter").Select(d => ("", "Quarter " + d.Member, d.Component, d.Records, d.Decisions))),
        // `pdw report all --fy` gives the monitoring report the fiscal year as its period.
        "pd-decisions-by-quarter-in-period" => ByComponent(ByDimension("quarter").Select(d => ("", $"FY{Fy} Q{d.Member}", d.Component, d.Records, d.Decisions))),
        "pd-decisions-by-policy" => ByComponent(ByDimension("policy").Select(d => ("", _policies[d.Member][2], d.Component, d.Records, d.Decisions))),
        "pd-decisions-by-region-and-country" => ByComponent(ByDimension("country")
            .Select(d => (Region(d.Member), CountryLine(d.Member), d.Component, d.Records, d.Decisions)), grouped: true, lines: CountryLines()),
        "pd-decisions-by-enforcement-priority" => ByComponent(ByDimension("priority")
            .Select(d => (_priorities[d.Member][2], PriorityLabel(d.Member), d.Component, d.Records, d.Decisions)), grouped: true),
        "pd-decisions-by-office" => Pivot(ByDimension("office").Select(d => new TruthCell(_components[d.Component][2], _offices[d.Member][2], _effects[d.Action], d.Decisions)),
            ["Not placed in removal process", "Taken out of removal process", "Unknown"], grouped: true, totalColumn: true),
        "pd-decisions-compared-with-prior-year" => Pivot(AllDecisions().Where(d => d.Fy is Fy or Fy - 1)
            .Select(d => new TruthCell("", d.Component.Replace('-', ' '), d.Fy.ToString(CultureInfo.InvariantCulture), d.Decisions)), [$"{Fy - 1}", $"{Fy}"]),
        "pd-decisions-and-apprehensions-by-office" => Pivot(
            Enforcement("APPREHENSION", "office").Where(e => e.Column == $"{Fy}").Select(e => new TruthCell(_offices[e.Label][3], _offices[e.Label][2], "Apprehensions or arrests", e.Value))
                .Concat(ByDimension("office").Select(d => new TruthCell(_offices[d.Member][3], _offices[d.Member][2], "PD decisions", d.Decisions)))
                .Where(e => e.Group is "Border Patrol sector" or "ERO area of responsibility"),
            ["Apprehensions or arrests", "PD decisions"], grouped: true),
        "pd-decisions-and-distinct-persons" => DecisionsAndPersons(),
        "daca-requests-by-status-and-referral-source" => Pivot(Daca().Select(d => new TruthCell("", StatusLabel(d.Status), ReferralLabel(d.Referral), d.Requests)),
            ["Referred by CBP", "Referred by ICE", "Self-initiated"], totalColumn: true),
        "daca-referral-outcomes" => Pivot(Daca().Select(d => new TruthCell("", ReferralLabel(d.Referral), StatusLabel(d.Status), d.Requests)),
            Daca().Select(d => d.Status).Union(["PENDING", "APPROVED", "DENIED"]).OrderBy(s => Array.IndexOf(DacaStatusOrder, s)).Select(StatusLabel).ToList(), totalColumn: true),
        "dq-completeness-by-feed" => Completeness(),
        "dq-reconciliation-with-control-totals" => ControlTotals(),
        "dq-rejects-by-reason" => Pivot(Items("rejects").Where(r => r.GetProperty("fiscalYear").GetInt32() == Fy)
            .Select(r => new TruthCell(Str(r, "feed"), Str(r, "reasonCode"), "Rows rejected", Num(r, "rows"))), ["Rows rejected"], grouped: true),
        "pd-records-per-person" => RecordsPerPerson(),
        "dq-country-codes-not-in-the-reference-list" => UnlistedCodes(),
        _ => throw new ArgumentException($"no truth for table {table}"),
    };

    // ---- Enforcement ----

    private static readonly int[] ThreeYears = [Fy - 2, Fy - 1, Fy];
    private static readonly string[] CriminalColumns = ["Criminal", "Non-criminal", "Unknown"];

    /// <summary>Cells of one enforcement category and truth dimension, with the member as label and the fiscal year as column.</summary>
    private IEnumerable<TruthCell> Enforcement(string category, string dimension) =>
        Items("enforcementActions").Where(e => Str(e, "category") == category && Str(e, "dimension") == dimension)
            .Select(e => new TruthCell("", Str(e, "member"), e.GetProperty("fiscalYear").GetInt32().ToString(CultureInfo.InvariantCulture), Num(e, "count")));

    private IEnumerable<TruthCell> ProgramOffice(string category, string program) =>
        Enforcement(category, "programOffice").Where(e => e.Label.StartsWith(program + "/", StringComparison.Ordinal))
            .Select(e => e with { Label = e.Label[(program.Length + 1)..] });

    private IEnumerable<TruthCell> ByCountry(string category) =>
        Enforcement(category, "country").Select(e => e with { Group = Region(e.Label), Label = Name(e.Label) });

    private bool IsListed(string code) => _countries.ContainsKey(code);

    /// <summary>A code no list holds is a member named by its code, in region Unknown (issue 23): how the leading tables name it.</summary>
    private string Name(string code) => IsListed(code) ? _countries[code][3] : code;
    private string Region(string code) => IsListed(code) ? _countries[code][4] : "Unknown";

    /// <summary>The line of a nationality table in the Yearbook's layout: a listed country's own, Other for a code no list holds.</summary>
    private string CountryLine(string code) => IsListed(code) ? _countries[code][3] : "Other";

    private IEnumerable<TruthCell> OnCountryLines(IEnumerable<TruthCell> cells)
    {
        var names = _countries.Values.Select(c => c[3]).ToHashSet(StringComparer.Ordinal);
        return cells.Select(c => names.Contains(c.Label) ? c : c with { Label = "Other" });
    }

    /// <summary>Every line a nationality table prints whatever the data: each country of the list as shipped, Other and Unknown.</summary>
    private IReadOnlyList<(string Group, string Label)> CountryLines() =>
        [.. _countries.Values.Where(c => c[1] != "ZZ" && c[6] == "1").Select(c => (c[4], c[3])), ("Unknown", "Other"), ("Unknown", "Unknown")];

    /// <summary>The data-quality appendix's codes no list holds: enforcement actions and PD records of the year (DACA requests by country are not in truth.json).</summary>
    private ExpectedTable UnlistedCodes()
    {
        var cells = Enforcement("REMOVAL", "country").Concat(Enforcement("RETURN", "country")).Concat(Enforcement("APPREHENSION", "country"))
            .Concat(Enforcement("INADMISSIBLE", "country")).Concat(Enforcement("BOOKIN", "country"))
            .Where(e => e.Column == $"{Fy}" && !IsListed(e.Label)).Select(e => new TruthCell("", e.Label, "Enforcement actions", e.Value))
            .Concat(ByDimension("country").Where(d => !IsListed(d.Member)).Select(d => new TruthCell("", d.Member, "PD decision records", d.Records)));
        return Unchecked(Pivot(cells, ["Enforcement actions", "PD decision records", "DACA requests"], totalColumn: true), 0, 3);
    }

    private IEnumerable<TruthCell> CriminalByCountry() =>
        Enforcement("REMOVAL", "criminalStatusCountry").Where(e => e.Column == $"{Fy}").Select(e =>
        {
            var (status, country) = (e.Label.Split('/')[0], e.Label.Split('/')[1]);
            return new TruthCell(Region(country), Name(country), status switch { "CRIMINAL" => "Criminal", "NON-CRIMINAL" => "Non-criminal", _ => "Unknown" }, e.Value);
        });

    /// <summary>Fiscal years with any enforcement action up to the report's: the Yearbook's "every year loaded".</summary>
    /// <summary>
    /// The years before the first generated delivery print the figures the 2014 Yearbook published (DESIGN.md section 9,
    /// shipped as warehouse/reference/dw.PublishedFigure.csv): a table's long series, one row a year.
    /// </summary>
    private IEnumerable<TruthCell> PublishedBefore(string table, params (string Measure, string Column)[] measures)
    {
        var first = LoadedYears().Min();
        // TableNumber,FiscalYear,Measure,Value,Publisher,Publication,Edition,SourceTable,SourceNote
        return ReadCsv(Path.Combine(WarehouseSources.Locate().ReferenceDirectory, "dw.PublishedFigure.csv")).Skip(1)
            .Where(r => r[0] == table && int.Parse(r[1], CultureInfo.InvariantCulture) < first)
            .SelectMany(r => measures.Where(m => m.Measure == r[2]).Select(m => new TruthCell("", r[1], m.Column, long.Parse(r[3], CultureInfo.InvariantCulture))));
    }

    private int[] LoadedYears() => Items("enforcementActions").Select(e => e.GetProperty("fiscalYear").GetInt32()).Where(y => y <= Fy).Distinct().Order().ToArray();

    /// <summary>A table of year columns; a year the generator delivered nothing for was never loaded, so it is NA.</summary>
    private ExpectedTable Years(IEnumerable<TruthCell> cells, int[] years, bool grouped = false, Func<long[], long>? top = null,
        IReadOnlyList<(string Group, string Label)>? lines = null) =>
        Pivot(cells.Where(c => years.Contains(int.Parse(c.Column, CultureInfo.InvariantCulture))),
            years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList(), grouped, top: top, lines: lines) with
        {
            NotAvailable = years.Except(LoadedYears()).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToHashSet(),
        };

    /// <summary>The annual report's leading countries: the ten largest in the report year, the rest as "All other countries".</summary>
    private ExpectedTable Leading(string category) => Years(ByCountry(category).Select(e => e with { Group = "" }), [Fy - 1, Fy], top: v => v[1]);

    // ---- Prosecutorial discretion ----

    private sealed record Decision(string Component, string Action, string Basis, int Fy, long Records, long Decisions);

    private IEnumerable<Decision> AllDecisions() => Items("decisions").Select(d =>
        new Decision(Str(d, "component"), Str(d, "actionCode"), Str(d, "basisCode"), d.GetProperty("fiscalYear").GetInt32(), Num(d, "records"), Num(d, "decisions")));

    private IEnumerable<Decision> Decisions() => AllDecisions().Where(d => d.Fy == Fy);

    private IEnumerable<(string Component, string Member, string Action, long Records, long Decisions)> ByDimension(string dimension) =>
        Items("decisionsByDimension").Where(d => d.GetProperty("fiscalYear").GetInt32() == Fy && Str(d, "dimension") == dimension)
            .Select(d => (Str(d, "component"), Str(d, "member"), Str(d, "actionCode"), Num(d, "records"), Num(d, "decisions")));

    private static readonly string[] ComponentOrder = ["ICE-ERO", "ICE-HSI", "ICE-OPLA", "CBP-USBP", "CBP-OFO", "USCIS", "UNKNOWN"];

    /// <summary>
    /// Decisions by a row attribute and component, with a total column. A row or column exists when any record falls
    /// in it, even if every record there repeats an earlier decision (zero decisions).
    /// </summary>
    private static ExpectedTable ByComponent(IEnumerable<(string Group, string Label, string Component, long Records, long Decisions)> rows, bool grouped = false,
        IReadOnlyList<(string Group, string Label)>? lines = null)
    {
        var list = rows.Where(r => r.Records > 0).ToList();
        var columns = list.Select(r => r.Component).Distinct().OrderBy(c => Array.IndexOf(ComponentOrder, c)).Select(c => c.Replace('-', ' ')).ToList();
        return Pivot(list.Select(r => new TruthCell(r.Group, r.Label, r.Component.Replace('-', ' '), r.Decisions)), columns, grouped, totalColumn: true, lines: lines);
    }

    private string PriorityLabel(string code)
    {
        var p = _priorities[code];
        return p[7] == "1" ? "Priority " + p[5] : code == "UNKNOWN" ? "Unknown" : "Not a priority";
    }

    private ExpectedTable DecisionsAndPersons()
    {
        var persons = Items("pdPersons").Where(p => p.GetProperty("fiscalYear").GetInt32() == Fy).ToDictionary(p => Str(p, "component"), p => Num(p, "persons"));
        var cells = Decisions().SelectMany(d => new[]
        {
            new TruthCell("", d.Component.Replace('-', ' '), "Records", d.Records),
            new TruthCell("", d.Component.Replace('-', ' '), "Decisions", d.Decisions),
        }).Concat(persons.Where(p => p.Key != "ALL").Select(p => new TruthCell("", p.Key.Replace('-', ' '), "Distinct persons", p.Value)));
        var table = Pivot(cells, ["Records", "Decisions", "Distinct persons"]);
        // A person with decisions in two components is one person in the total: the truth counts the year's persons once.
        table.Rows["Total||Total"][2] = persons["ALL"];
        return table;
    }

    // ---- DACA ----

    private static readonly string[] DacaStatusOrder = ["PENDING", "RECEIVED", "ACCEPTED", "APPROVED", "DENIED", "REJECTED"];

    private IEnumerable<(string Referral, string Status, long Requests)> Daca() =>
        Items("dacaRequests").Where(d => d.GetProperty("receiptFiscalYear").GetInt32() == Fy).Select(d => (Str(d, "referralSource"), Str(d, "status"), Num(d, "requests")));

    private static string StatusLabel(string code) => code[..1] + code[1..].ToLowerInvariant();
    private static string ReferralLabel(string code) => code switch { "CBP" => "Referred by CBP", "ICE" => "Referred by ICE", _ => "Self-initiated" };

    // ---- Data quality: the report year's deliveries, by the period their manifests give ----

    private Dictionary<string, string> Fy2014Feeds()
    {
        var feeds = new Dictionary<string, string>();
        foreach (var dir in Directory.GetDirectories(_deliveries))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
            if (Str(manifest.RootElement, "periodEnd") == "2014-09-30")
                feeds[Path.GetFileName(dir)] = Str(manifest.RootElement, "feed");
        }
        return feeds;
    }

    private ExpectedTable Completeness()
    {
        var feeds = Fy2014Feeds();
        var cells = Items("files").Where(f => feeds.ContainsKey(Str(f, "delivery"))).SelectMany(f => new[]
        {
            new TruthCell("", feeds[Str(f, "delivery")], "Rows read", Num(f, "rowsRead")),
            new TruthCell("", feeds[Str(f, "delivery")], "Rows staged", Num(f, "rowsLoaded")),
            new TruthCell("", feeds[Str(f, "delivery")], "Rows rejected", Num(f, "rowsRejected")),
        });
        // Rows inserted and updated depend on what the warehouse already held, which truth.json does not say.
        return Unchecked(Pivot(cells, ["Rows read", "Rows staged", "Rows rejected", "Rows inserted", "Rows updated"]), 3, 4);
    }

    private ExpectedTable ControlTotals()
    {
        var feeds = Fy2014Feeds();
        var cells = Items("controlTotals").Where(c => feeds.ContainsKey(Str(c, "delivery")))
            .Select(c => new TruthCell("", $"{feeds[Str(c, "delivery")]}: {Str(c, "measure")}", "Reported by component", Num(c, "value")));
        // What the loader counted for each measure is the loader's, not the generator's: only the reported column is truth.
        return Unchecked(Pivot(cells, ["Reported by component", "Loaded", "Difference"], totalRow: false), 1, 2);
    }

    private ExpectedTable RecordsPerPerson()
    {
        var cells = Items("pdRecordsPerPerson").Where(p => p.GetProperty("fiscalYear").GetInt32() == Fy).SelectMany(p =>
        {
            var records = Num(p, "records");
            var label = records switch { 1 => "1 record", 2 => "2 records", _ => "3 or more records" };
            return new[] { new TruthCell("", label, "Persons", Num(p, "persons")), new TruthCell("", label, "Records", records * Num(p, "persons")) };
        });
        return Pivot(cells, ["Persons", "Records"]);
    }

    private static ExpectedTable Unchecked(ExpectedTable table, params int[] columns)
    {
        foreach (var row in table.Rows.Values)
            foreach (var c in columns) row[c] = null;
        return table;
    }

    // ---- Pivot ----

    /// <summary>
    /// Rows from cells (duplicates add up), then the Yearbook shape: a total row, a subtotal per group, an optional
    /// total column in front. With <paramref name="top"/>, the ten largest rows by it are kept and the rest summed
    /// into "All other countries".
    /// </summary>
    private static ExpectedTable Pivot(IEnumerable<TruthCell> cells, IReadOnlyList<string> columns, bool grouped = false, bool totalColumn = false,
        bool totalRow = true, Func<long[], long>? top = null, IReadOnlyList<(string Group, string Label)>? lines = null)
    {
        var details = new Dictionary<(string Group, string Label), long[]>();
        // Lines a table prints with or without counts (the Yearbook's nationality layout): zeros where truth has none.
        foreach (var line in lines ?? []) details.TryAdd(line, new long[columns.Count]);
        foreach (var c in cells)
        {
            var at = columns.ToList().IndexOf(c.Column);
            if (at < 0) continue;
            var key = (grouped ? c.Group : "", c.Label);
            if (!details.TryGetValue(key, out var values)) details[key] = values = new long[columns.Count];
            values[at] += c.Value;
        }
        if (top is not null && details.Count > 10)
        {
            var ranked = details.OrderByDescending(d => top(d.Value)).ThenBy(d => d.Key.Label, StringComparer.Ordinal).ToList();
            var other = new long[columns.Count];
            foreach (var d in ranked.Skip(10))
                for (var i = 0; i < other.Length; i++) other[i] += d.Value[i];
            details = ranked.Take(10).ToDictionary(d => d.Key, d => d.Value);
            details[("", "All other countries")] = other;
        }
        long[] Sum(IEnumerable<long[]> parts) => Enumerable.Range(0, columns.Count).Select(i => parts.Sum(p => p[i])).ToArray();
        var rows = details.ToDictionary(d => $"Detail|{d.Key.Group}|{d.Key.Label}", d => d.Value);
        if (grouped)
            foreach (var g in details.GroupBy(d => d.Key.Group))
                rows[$"Subtotal|{g.Key}|{g.Key}"] = Sum(g.Select(d => d.Value));
        if (totalRow) rows["Total||Total"] = Sum(details.Values);
        var header = totalColumn ? columns.Prepend("Total").ToList() : columns.ToList();
        return new ExpectedTable(header, rows.ToDictionary(r => r.Key, r => (totalColumn ? r.Value.Prepend(r.Value.Sum()) : r.Value).Select(v => (long?)v).ToArray()));
    }

    private IEnumerable<JsonElement> Items(string property) => _truth.GetProperty(property).EnumerateArray();
    private static string Str(JsonElement e, string property) => e.GetProperty(property).GetString()!;
    private static long Num(JsonElement e, string property) => e.GetProperty(property).GetInt64();

    /// <summary>RFC 4180 fields of every line: reference names and report labels can contain commas ("Korea, South").</summary>
    public static List<string[]> ReadCsv(string path)
    {
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(path, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
        return rows;
    }
}
