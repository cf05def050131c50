using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports;

public enum ReportKind { Yearbook, Annual, Monitor }

/// <summary>A table as the templates see it: every cell already formatted the Yearbook way.</summary>
public sealed record TableView(string Id, string Number, string Title, string StubHeader, IReadOnlyList<ColumnView> Columns,
    IReadOnlyList<RowView> Rows, IReadOnlyList<string> Notes, string Source, string CsvFile, bool HasGroups, bool DisclosureControlled,
    bool HasNotAvailable = false)
{
    /// <summary>Tables short enough to keep on one page with their title and notes rather than split.</summary>
    public bool KeepTogether => Rows.Count <= 30;

    public static TableView From(ReportTable t) => new(
        t.Id, t.Number, t.Title, t.StubHeader,
        t.Columns.Select((c, i) => new ColumnView(c.Header, i == t.TotalColumn, c.Content == CellContent.Text)).ToList(),
        t.Rows.Select(r => new RowView(r.Label, r.Kind.ToString().ToLowerInvariant(),
            r.Values.Select((v, i) => t.Columns[i].Content == CellContent.Count ? YearbookFormat.Count(v, r.Withheld[i])
                : r.Withheld[i] ? YearbookFormat.Withheld : r.Texts[i] ?? "").ToList())).ToList(),
        t.Notes, t.Source, TableCsv.FileName(t), t.IndentsDetails, t.DisclosureControlled, t.HasNotAvailable);
}

/// <param name="IsText">Words rather than figures: set left-aligned, as a stub is.</param>
public sealed record ColumnView(string Header, bool IsTotal, bool IsText = false)
{
    /// <summary>Short headers (years, component codes) never wrap; long descriptive ones may.</summary>
    public bool NoWrap => Header.Length <= 10;
}
public sealed record RowView(string Label, string Kind, IReadOnlyList<string> Cells);

/// <summary>One item of a section, in reading order: exactly one of its members is set, as <see cref="Kind"/> says.</summary>
public sealed record Block(string Kind, TableView? Table = null, ChartBlock? Chart = null, IReadOnlyList<string>? Paragraphs = null)
{
    public static Block Of(ReportTable t) => new("table", Table: TableView.From(t));
    public static Block Of(ChartBlock c) => new("chart", Chart: c);
    public static Block Text(params string[] paragraphs) => new("text", Paragraphs: paragraphs);
}

public sealed record Section(string Id, string Title, IReadOnlyList<Block> Blocks);

/// <summary>An entry of the table of contents; <see cref="Page"/> is filled in from the printed PDF's outline.</summary>
public sealed class TocEntry(string id, string title, int level)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public int Level { get; } = level;
    public int? Page { get; set; }
}

/// <summary>Everything a report template renders.</summary>
public sealed class ReportDocument
{
    public required ReportKind Kind { get; init; }
    public required string Title { get; init; }
    public required string ShortTitle { get; init; }
    public required int FiscalYear { get; init; }
    /// <summary>The threshold <c>--min-cell</c> set for every table, or null when each table has its kind's (<see cref="Definitions.DisclosurePolicy"/>).</summary>
    public required int? MinimumCell { get; init; }
    public required string Prepared { get; init; }
    /// <summary>The months a monitoring report covers; null for the fiscal-year reports.</summary>
    public ReportPeriod? Period { get; init; }
    public IReadOnlyList<string> KeyFindings { get; init; } = [];
    public required IReadOnlyList<Section> Sections { get; init; }
    public required IReadOnlyList<ReportTable> Tables { get; init; }
    public List<TocEntry> Contents { get; } = [];

    /// <summary>The disclosure audit's result, one paragraph per table with withheld cells (the Yearbook's notes print it).</summary>
    public IReadOnlyList<string> DisclosureAudit => DisclosureAuditText.Paragraphs(Tables, MinimumCell);

    /// <summary>Headings the templates print around the chapters (their prose lives in the templates), listed in the contents too.</summary>
    public string? SummaryTitle => Kind == ReportKind.Annual ? "Key findings" : null;
    public string MethodologyTitle => Kind switch
    {
        ReportKind.Annual => "Appendix B. Methodology and sources",
        ReportKind.Monitor => "Methods",
        _ => "Notes on the tables",
    };

    public string TemplateFile => FileStem + ".sbn-html";
    public string FileStem => Kind switch { ReportKind.Yearbook => "yearbook", ReportKind.Annual => "annual", _ => "monitor" };

    /// <summary>What the page headers and the cover say the report covers.</summary>
    public string PeriodLabel => Period?.Label ?? $"Fiscal Year {FiscalYear}";

    /// <summary>Contents list every section and every table and figure, in the order they are printed.</summary>
    public void BuildContents()
    {
        Contents.Clear();
        if (SummaryTitle is { } summary) Contents.Add(new TocEntry("summary", summary, 2));
        foreach (var s in Sections)
        {
            Contents.Add(new TocEntry(s.Id, s.Title, 2));
            foreach (var b in s.Blocks)
            {
                if (b.Table is { } t) Contents.Add(new TocEntry(t.Id, $"{t.Number}. {t.Title}", 3));
                if (b.Chart is { } c) Contents.Add(new TocEntry(c.Id, $"{c.Number}. {c.Title}", 3));
            }
        }
        Contents.Add(new TocEntry("methodology", MethodologyTitle, 2));
    }
}
