using System.Text.RegularExpressions;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Warehouse;
using YamlDotNet.RepresentationModel;

namespace PdWarehouse.Reports.Definitions;

/// <summary>A report or table definition is wrong; the message names every problem by file, line, column and field.</summary>
public sealed class ReportDefinitionException(string message) : PdWarehouseException(message);

/// <summary>
/// The reports' contents as OIS staff edit them (docs/reports.md, "Report definitions"): one file a report
/// (<c>yearbook.yaml</c>: its sections, which tables in what order and numbered how, its text) and one table a file
/// (<c>tables/&lt;id&gt;.yaml</c> for its layout and disclosure rule, <c>tables/&lt;id&gt;.sql</c> for its query). All are read
/// and checked together, before any query runs, so a mistake stops the report with every problem named at once.
/// </summary>
public sealed partial class ReportDefinitions
{
    public string Directory { get; }
    public IReadOnlyDictionary<string, TableDefinition> Tables { get; }
    public IReadOnlyDictionary<string, ReportDefinition> Reports { get; }

    private ReportDefinitions(string directory, IReadOnlyDictionary<string, TableDefinition> tables, IReadOnlyDictionary<string, ReportDefinition> reports) =>
        (Directory, Tables, Reports) = (directory, tables, reports);

    public ReportDefinition Report(string name) => Reports.TryGetValue(name, out var report) ? report
        : throw new ReportDefinitionException($"No report definition {Path.Combine(Directory, name + ".yaml")}.");

    /// <summary>Parameters every table's SQL may use; <c>WhenReportSqlIsBoundToTheModel</c> declares the same.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["fy", "first", "prior", "earliest", "fyStart", "fyEnd", "periodStart", "periodEnd"];

    /// <summary>Blocks code builds rather than SQL (<c>computed: name</c>), by the name the report's <see cref="IComputedContent"/> answers to.</summary>
    public static readonly IReadOnlyList<string> ComputedBlocks =
        ["monitoring-goals", "monitoring-scorecard", "monitoring-trends", "monitoring-offices", "monitoring-completeness", "monitoring-before-after"];

    /// <summary>Words a table's title and notes may hold in braces: the report year, the first of three, the one before, and the years loaded.</summary>
    public static readonly IReadOnlyList<string> TablePlaceholders = ["fy", "first", "prior", "years"];

    /// <summary>Charts the code draws, each with the roles of the tables it reads.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ChartRoles = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["trends"] = ["apprehensions", "removals-and-returns"],
        ["decisions-by-quarter"] = ["table"],
        ["share-by-office"] = ["table"],
    };

    /// <summary>The tables the key findings read, by role (<see cref="KeyFindings"/>).</summary>
    public static readonly IReadOnlyList<string> KeyFindingRoles =
        ["by-program", "removals-and-returns", "removals-by-criminal-status", "by-basis", "persons", "prior-year", "later", "daca"];

    private static readonly Lazy<ReportDefinitions> Shipped = new(() => Load(LocateDirectory()));

    /// <summary>The definitions shipped beside the program (or, from a source tree, <c>reports/definitions</c>), read once per process.</summary>
    public static ReportDefinitions Default => Shipped.Value;

    public static string LocateDirectory()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "definitions");
        if (System.IO.Directory.Exists(shipped)) return shipped;
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "reports", "definitions");
            if (File.Exists(Path.Combine(candidate, "yearbook.yaml"))) return candidate;
        }
        throw new ReportDefinitionException($"No report definitions folder at '{shipped}' or at reports/definitions above the working directory.");
    }

    public static ReportDefinitions Load(string directory)
    {
        var problems = new List<string>();
        var tablesDir = Path.Combine(directory, "tables");
        if (!System.IO.Directory.Exists(tablesDir))
            throw new ReportDefinitionException($"{tablesDir}: the folder of table definitions is missing.");

        var tables = new Dictionary<string, TableDefinition>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(tablesDir, "*.yaml").Order(StringComparer.Ordinal))
            if (ReadTable(file, problems) is { } table) tables[table.Id] = table;
        foreach (var sql in System.IO.Directory.GetFiles(tablesDir, "*.sql").Order(StringComparer.Ordinal).Where(f => !f.EndsWith(".published.sql", StringComparison.Ordinal)))
            if (!File.Exists(Path.ChangeExtension(sql, ".yaml")))
                problems.Add($"{sql}:1:1: a query without a table definition: add {Path.GetFileName(Path.ChangeExtension(sql, ".yaml"))} beside it, or remove it");

        foreach (var series in System.IO.Directory.GetFiles(tablesDir, "*.published.sql").Order(StringComparer.Ordinal))
            if (!File.Exists(series[..^".published.sql".Length] + ".yaml"))
                problems.Add($"{series}:1:1: a published series without a table definition beside it");

        var reports = new Dictionary<string, ReportDefinition>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
            if (ReadReport(file, tables, problems) is { } report) reports[report.Name] = report;
        if (reports.Count == 0) problems.Add($"{directory}: no report definition (<name>.yaml) found");

        if (problems.Count > 0)
            throw new ReportDefinitionException($"The report definitions in {directory} have {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " + string.Join("\n  ", problems));
        return new ReportDefinitions(directory, tables, reports);
    }

    private static readonly Dictionary<string, DisclosureKind> DisclosureWords = new(StringComparer.Ordinal)
    {
        ["enforcement-events"] = DisclosureKind.EnforcementEvents, ["decisions-about-persons"] = DisclosureKind.DecisionsAboutPersons, ["data-quality"] = DisclosureKind.DataQuality,
    };
    private static readonly Dictionary<string, QueryShape> ShapeWords = new(StringComparer.Ordinal) { ["long"] = QueryShape.Long, ["wide"] = QueryShape.Wide };
    private static readonly Dictionary<string, YearColumns> YearWords = new(StringComparer.Ordinal) { ["three"] = YearColumns.Three, ["two"] = YearColumns.Two, ["loaded"] = YearColumns.Loaded };
    private static readonly Dictionary<string, HeaderStyle> HeaderWords = new(StringComparer.Ordinal)
    {
        ["as-is"] = HeaderStyle.AsIs, ["dashes-to-spaces"] = HeaderStyle.DashesToSpaces, ["capitalised"] = HeaderStyle.Capitalised,
    };
    private static readonly Dictionary<string, bool> CoverageYearWords = new(StringComparer.Ordinal) { ["columns"] = false, ["rows"] = true };
    private static readonly Dictionary<string, bool> RankWords = new(StringComparer.Ordinal) { ["report-year"] = false, ["total"] = true };
    private static readonly Dictionary<string, bool> CountryWords = new(StringComparer.Ordinal) { ["reference-list"] = true };

    private static TableDefinition? ReadTable(string file, List<string> problems)
    {
        var id = Path.GetFileNameWithoutExtension(file);
        var y = new DefinitionYaml(file, problems);
        var before = problems.Count;
        if (!TableId().IsMatch(id)) y.Problem((YamlDotNet.Core.Mark?)null, "", $"a table id (the file name) is lower-case words joined by dashes, not \"{id}\"");
        if (y.Root(File.ReadAllText(file)) is not { } root) return null;
        y.OnlyFields(root, "", "title", "stub", "disclosure", "query", "rows", "columns", "coverage", "published", "source", "notes");

        var title = y.Text(root, "title", "", required: true);
        var stub = y.Text(root, "stub", "", required: true);
        var disclosure = y.Choice(root, "disclosure", "", required: true, DisclosureWords);
        var shape = y.Choice(root, "query", "", required: false, ShapeWords) ?? QueryShape.Long;
        var source = y.Text(root, "source", "", required: true);
        var notes = y.Texts(root, "notes", "");
        foreach (var (text, field) in new[] { (title, "title"), (source, "source") }.Concat(notes.Select((n, i) => ((string?)n, $"notes[{i}]"))))
            CheckPlaceholders(y, root, field, text, TablePlaceholders, reportWords: false);

        // Rows: publication order, groups, the total row, and leading rows.
        IReadOnlyList<string> rowOrder = [];
        bool grouped = false, totalRow = true, groupsFirst = false, allCountries = false;
        (int Count, bool ByTotal, YamlNode Node)? leading = null;
        if (y.Field(root, "rows") is { } rowsNode && y.Mapping(rowsNode, "rows") is { } rows)
        {
            y.OnlyFields(rows, "rows", "order", "grouped", "groups-first", "total", "leading", "countries");
            rowOrder = y.Texts(rows, "order", "rows");
            grouped = y.Flag(rows, "grouped", "rows", false);
            totalRow = y.Flag(rows, "total", "rows", true);
            groupsFirst = y.Flag(rows, "groups-first", "rows", false);
            if (groupsFirst && !grouped) y.Problem(y.Field(rows, "groups-first"), "rows.groups-first", "needs grouped rows (rows.grouped: true)");
            allCountries = y.Choice(rows, "countries", "rows", required: false, CountryWords) ?? false;
            if (allCountries && !groupsFirst)
                y.Problem(y.Field(rows, "countries"), "rows.countries", "the reference list's layout prints the regions first (rows.grouped and rows.groups-first: true)");
            if (y.Field(rows, "leading") is { } leadNode && y.Mapping(leadNode, "rows.leading") is { } lead)
            {
                y.OnlyFields(lead, "rows.leading", "count", "by");
                var count = y.Count(lead, "count", "rows.leading");
                if (count is null && y.Field(lead, "count") is null) y.Problem(lead, "rows.leading.count", "is required");
                var byTotal = y.Choice(lead, "by", "rows.leading", required: true, RankWords);
                if (count is int c && byTotal is bool b) leading = (c, b, leadNode);
                if (grouped) y.Problem(leadNode, "rows.leading", "leading rows are ranked across the whole table, so the rows cannot also be grouped");
            }
        }

        // Columns: fiscal years, values found in the data, or a fixed list; and whether a total column leads them.
        YearColumns? years = null;
        ColumnsFromData? fromData = null;
        var columns = new List<TableColumn>();
        var totalColumn = false;
        if (y.Field(root, "columns") is not { } columnsNode) y.Problem(root, "columns", "is required");
        else if (y.Mapping(columnsNode, "columns") is { } cols)
        {
            y.OnlyFields(cols, "columns", "years", "from-data", "list", "total");
            totalColumn = y.Flag(cols, "total", "columns", false);
            var kinds = new[] { "years", "from-data", "list" }.Where(k => y.Field(cols, k) is not null).ToList();
            if (kinds.Count != 1)
                y.Problem(cols, "columns", $"give exactly one of years, from-data or list (found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))})");
            years = y.Choice(cols, "years", "columns", required: false, YearWords);
            if (y.Field(cols, "from-data") is { } fd && y.Mapping(fd, "columns.from-data") is { } from)
            {
                y.OnlyFields(from, "columns.from-data", "order", "always", "header");
                fromData = new ColumnsFromData(y.Texts(from, "order", "columns.from-data"), y.Texts(from, "always", "columns.from-data"),
                    y.Choice(from, "header", "columns.from-data", required: false, HeaderWords) ?? HeaderStyle.AsIs);
            }
            if (y.Field(cols, "list") is { } listNode)
            {
                if (listNode is not YamlSequenceNode { Children.Count: > 0 } list) y.Problem(listNode, "columns.list", "expected a list of columns (key, header)");
                else
                    for (var i = 0; i < list.Children.Count; i++)
                    {
                        var field = $"columns.list[{i}]";
                        if (y.Mapping(list.Children[i], field) is not { } col) continue;
                        y.OnlyFields(col, field, "key", "header", "sums-down", "sums-across");
                        var key = y.Text(col, "key", field, required: true);
                        var header = y.Text(col, "header", field, required: true);
                        if (key is not null && columns.Any(c => c.Key == key)) y.Problem(col, $"{field}.key", $"column \"{key}\" is listed twice");
                        if (key is not null && header is not null)
                            columns.Add(new TableColumn(key, header, y.Flag(col, "sums-down", field, true), y.Flag(col, "sums-across", field, true)));
                    }
            }
        }
        CoverageDefinition? coverage = null;
        if (y.Field(root, "coverage") is { } coverageNode && y.Mapping(coverageNode, "coverage") is { } cov)
        {
            y.OnlyFields(cov, "coverage", "feeds", "years", "rows");
            var feeds = y.Texts(cov, "feeds", "coverage");
            if (feeds.Count == 0) y.Problem(cov, "coverage.feeds", "name the feeds whose deliveries this table counts");
            var inRows = y.Choice(cov, "years", "coverage", required: true, CoverageYearWords);
            if (inRows == false && years is null) y.Problem(y.Field(cov, "years"), "coverage.years", "the years are in the columns only when the columns are years (columns.years)");
            var rowFeeds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (y.Field(cov, "rows") is { } byRowNode && y.Mapping(byRowNode, "coverage.rows") is { } byRow)
                foreach (var (key, _) in byRow.Children)
                    if (key is YamlScalarNode { Value: { } label })
                    {
                        var own = y.Texts(byRow, label, "coverage.rows");
                        var foreign = own.Where(f => !feeds.Contains(f)).ToList();
                        if (foreign.Count > 0) y.Problem(key, $"coverage.rows.{label}", $"{string.Join(", ", foreign)} not among coverage.feeds (the total needs every feed a row counts)");
                        rowFeeds[label] = own;
                    }
            if (inRows is bool r2) coverage = new CoverageDefinition(feeds, r2, rowFeeds);
        }
        PublishedSeries? published = null;
        var publishedFile = Path.Combine(Path.GetDirectoryName(file)!, id + ".published.sql");
        if (y.Field(root, "published") is { } publishedNode && y.Mapping(publishedNode, "published") is { } pub)
        {
            y.OnlyFields(pub, "published", "note");
            var note = y.Text(pub, "note", "published", required: true);
            if (coverage is null) y.Problem(publishedNode, "published", "a published series fills the years a table's feeds were not loaded for: give coverage too");
            if (!File.Exists(publishedFile)) problems.Add($"{publishedFile}:1:1: the published series' query is missing (published: in {Path.GetFileName(file)})");
            else if (CheckSql(publishedFile, File.ReadAllText(publishedFile), problems) is { } publishedSql && note is not null)
                published = new PublishedSeries(publishedFile, publishedSql, note);
        }
        else if (File.Exists(publishedFile))
            problems.Add($"{publishedFile}:1:1: a published series without published: in {Path.GetFileName(file)}");
        if (leading is { ByTotal: true } l && !totalColumn) y.Problem(l.Node, "rows.leading.by", "ranking by the total needs a total column (columns.total: true)");
        if (leading is { ByTotal: false } r && years is null) y.Problem(r.Node, "rows.leading.by", "ranking by the report year needs year columns (columns.years)");

        var sqlFile = Path.ChangeExtension(file, ".sql");
        string? sql = null;
        if (!File.Exists(sqlFile)) problems.Add($"{sqlFile}:1:1: the table's query is missing (each table's SQL is in <id>.sql beside its <id>.yaml)");
        else sql = CheckSql(sqlFile, File.ReadAllText(sqlFile), problems);

        if (problems.Count > before) return null;
        return new TableDefinition
        {
            Id = id, File = file, SqlFile = sqlFile, Sql = sql!, Title = title!, StubHeader = stub!, Disclosure = disclosure!.Value, Source = source!, Notes = notes,
            Shape = shape, Grouped = grouped, GroupsFirst = groupsFirst, AllCountries = allCountries, TotalRow = totalRow, TotalColumn = totalColumn, RowOrder = rowOrder, Years = years, FromData = fromData,
            Columns = columns, Leading = leading is { } x ? new LeadingRows(x.Count, x.ByTotal) : null, Coverage = coverage, Published = published,
        };
    }

    /// <summary>The SQL as the engines will run it (trimmed, no trailing semicolon), or null with its problems recorded.</summary>
    private static string? CheckSql(string file, string text, List<string> problems)
    {
        var before = problems.Count;
        string Where(int index) => $"{file}:{text[..index].Count(c => c == '\n') + 1}:{index - text.LastIndexOf('\n', Math.Max(0, index - 1))}";
        if (text.Trim().Length == 0) problems.Add($"{file}:1:1: the query is empty");
        foreach (Match m in SqlParameter().Matches(text))
            if (!Parameters.Contains(m.Groups[1].Value, StringComparer.Ordinal))
                problems.Add($"{Where(m.Index)}: unknown parameter @{m.Groups[1].Value} (a report query may use @{string.Join(", @", Parameters)})");
        // Reports read only the rpt views, which analysts query too: what a table shows can always be checked there.
        foreach (Match m in SqlSource().Matches(text))
            if (!m.Groups[2].Value.StartsWith("rpt.", StringComparison.OrdinalIgnoreCase))
                problems.Add($"{Where(m.Groups[2].Index)}: reads {m.Groups[2].Value}; report queries read only rpt views");
        return problems.Count > before ? null : text.Trim().TrimEnd(';').TrimEnd();
    }

    private static void CheckPlaceholders(DefinitionYaml y, YamlNode at, string field, string? text, IReadOnlyList<string> words, bool reportWords,
        ISet<string>? printed = null)
    {
        if (text is null) return;
        foreach (Match m in Placeholder().Matches(text))
        {
            var word = m.Groups[1].Value;
            if (words.Contains(word, StringComparer.Ordinal)) continue;
            if (reportWords && word.StartsWith("table:", StringComparison.Ordinal))
            {
                if (printed is not null && !printed.Contains(word["table:".Length..]))
                    y.Problem(at, field, $"{{{word}}} names a table this report does not print");
                continue;
            }
            var allowed = string.Join(", ", words.Select(w => "{" + w + "}").Concat(reportWords ? ["{table:<id>}"] : []));
            y.Problem(at, field, $"unknown placeholder {{{word}}} (use {allowed})");
        }
    }

    private static ReportDefinition? ReadReport(string file, IReadOnlyDictionary<string, TableDefinition> tables, List<string> problems)
    {
        var y = new DefinitionYaml(file, problems);
        var before = problems.Count;
        if (y.Root(File.ReadAllText(file)) is not { } root) return null;
        y.OnlyFields(root, "", "title", "short-title", "key-findings", "sections");
        var title = y.Text(root, "title", "", required: true);
        var shortTitle = y.Text(root, "short-title", "", required: true);
        CheckPlaceholders(y, root, "title", title, ["fy", "period"], reportWords: false);

        var printedIds = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = new List<SectionDefinition>();
        var texts = new List<(YamlNode Node, string Field, string Text, bool SectionHasTables)>();
        var next = 0;
        if (y.Field(root, "sections") is not YamlSequenceNode { Children.Count: > 0 } sectionList)
            y.Problem(y.Field(root, "sections") ?? root, "sections", "expected a list of sections");
        else
            for (var s = 0; s < sectionList.Children.Count; s++)
            {
                var sf = $"sections[{s}]";
                if (y.Mapping(sectionList.Children[s], sf) is not { } section) continue;
                y.OnlyFields(section, sf, "id", "title", "blocks");
                var id = y.Text(section, "id", sf, required: true);
                var stitle = y.Text(section, "title", sf, required: true);
                if (id is not null && sections.Any(x => x.Id == id)) y.Problem(section, $"{sf}.id", $"section \"{id}\" is given twice");
                var blocks = new List<BlockDefinition>();
                if (y.Field(section, "blocks") is not YamlSequenceNode { Children.Count: > 0 } blockList)
                {
                    y.Problem(y.Field(section, "blocks") ?? section, $"{sf}.blocks", "expected a list of blocks (text, table, chart or disclosure-audit)");
                    continue;
                }
                var sectionTexts = new List<(YamlNode, string, string)>();
                for (var b = 0; b < blockList.Children.Count; b++)
                {
                    var bf = $"{sf}.blocks[{b}]";
                    if (y.Mapping(blockList.Children[b], bf) is not { } block) continue;
                    if (y.Field(block, "text") is not null)
                    {
                        y.OnlyFields(block, bf, "text");
                        var paragraphs = y.Texts(block, "text", bf);
                        for (var p = 0; p < paragraphs.Count; p++) sectionTexts.Add((block, $"{bf}.text[{p}]", paragraphs[p]));
                        blocks.Add(new TextDefinition(paragraphs));
                    }
                    else if (y.Field(block, "table") is not null)
                    {
                        y.OnlyFields(block, bf, "table", "number");
                        var tableId = y.Text(block, "table", bf, required: true);
                        var number = y.Text(block, "number", bf, required: false);
                        if (tableId is null) continue;
                        if (!tables.ContainsKey(tableId) && !File.Exists(Path.Combine(Path.GetDirectoryName(file)!, "tables", tableId + ".yaml")))
                            y.Problem(y.Field(block, "table"), $"{bf}.table", $"no table \"{tableId}\" (expected tables/{tableId}.yaml)");
                        // A table printed twice would write two CSVs and two sheets under one id.
                        if (!printedIds.Add(tableId)) y.Problem(y.Field(block, "table"), $"{bf}.table", $"table \"{tableId}\" is printed twice in this report");
                        number ??= (++next).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (numbers.TryGetValue(number, out var holder))
                            y.Problem(y.Field(block, "number") ?? block, $"{bf}.number", $"Table {number} is already {holder}");
                        else numbers[number] = tableId;
                        blocks.Add(new TableBlockDefinition(tableId, y.Field(block, "number") is null ? null : number));
                    }
                    else if (y.Field(block, "chart") is not null)
                    {
                        y.OnlyFields(block, bf, "chart", "tables");
                        var kind = y.Text(block, "chart", bf, required: true);
                        if (kind is null) continue;
                        if (!ChartRoles.TryGetValue(kind, out var roles))
                        {
                            y.Problem(y.Field(block, "chart"), $"{bf}.chart", $"no chart \"{kind}\" (charts: {string.Join(", ", ChartRoles.Keys)})");
                            continue;
                        }
                        blocks.Add(new ChartDefinition(kind, ReadRoles(y, block, "tables", bf, roles, tables, file)));
                    }
                    else if (y.Field(block, "computed") is not null)
                    {
                        y.OnlyFields(block, bf, "computed");
                        if (y.Text(block, "computed", bf, required: true) is not { } name) continue;
                        if (!ComputedBlocks.Contains(name, StringComparer.Ordinal))
                            y.Problem(y.Field(block, "computed"), $"{bf}.computed", $"no computed block \"{name}\" (computed blocks: {string.Join(", ", ComputedBlocks)})");
                        else blocks.Add(new ComputedDefinition(name));
                    }
                    else if (y.Field(block, "disclosure-audit") is not null)
                    {
                        y.OnlyFields(block, bf, "disclosure-audit");
                        if (y.Flag(block, "disclosure-audit", bf, false)) blocks.Add(new AuditDefinition());
                    }
                    else y.Problem(block, bf, "a block is one of text, table, chart, computed or disclosure-audit");
                }
                var hasTables = blocks.OfType<TableBlockDefinition>().Any();
                texts.AddRange(sectionTexts.Select(t => (t.Item1, t.Item2, t.Item3, hasTables)));
                if (id is not null && stitle is not null) sections.Add(new SectionDefinition(id, stitle, blocks));
            }
        foreach (var (node, field, text, hasTables) in texts)
        {
            CheckPlaceholders(y, node, field, text, hasTables ? ["fy", "prior", "tables"] : ["fy", "prior"], reportWords: true, printedIds);
        }

        IReadOnlyDictionary<string, string>? findings = null;
        if (y.Field(root, "key-findings") is not null)
            findings = ReadRoles(y, root, "key-findings", "", KeyFindingRoles, tables, file);

        if (problems.Count > before) return null;
        return new ReportDefinition
        {
            Name = Path.GetFileNameWithoutExtension(file), File = file, Title = title!, ShortTitle = shortTitle!, Sections = sections, KeyFindings = findings,
        };
    }

    /// <summary>A mapping of every role a chart or the key findings read to a table id, each role given once and no other.</summary>
    private static Dictionary<string, string> ReadRoles(DefinitionYaml y, YamlMappingNode parent, string key, string parentField,
        IReadOnlyList<string> roles, IReadOnlyDictionary<string, TableDefinition> tables, string file)
    {
        var field = DefinitionYaml.Join(parentField, key);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (y.Field(parent, key) is not { } node)
        {
            y.Problem(parent, field, $"is required: the tables for {string.Join(", ", roles)}");
            return result;
        }
        if (y.Mapping(node, field) is not { } map) return result;
        y.OnlyFields(map, field, [.. roles]);
        foreach (var role in roles)
        {
            if (y.Text(map, role, field, required: true) is not { } id) continue;
            if (!tables.ContainsKey(id) && !File.Exists(Path.Combine(Path.GetDirectoryName(file)!, "tables", id + ".yaml")))
                y.Problem(y.Field(map, role), $"{field}.{role}", $"no table \"{id}\" (expected tables/{id}.yaml)");
            result[role] = id;
        }
        return result;
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex TableId();

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SqlParameter();

    [GeneratedRegex(@"\b(FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_.]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SqlSource();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
