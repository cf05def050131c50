using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Definitions;

/// <summary>
/// What a table counts, which decides its disclosure rule (docs/reports.md, "Disclosure control"): events by nationality
/// and decisions about persons are suppressed, data-quality counts (rows and tests, not people) are not.
/// </summary>
public enum DisclosureKind { EnforcementEvents, DecisionsAboutPersons, DataQuality }

/// <summary>
/// How a table's query returns its cells: <see cref="Long"/> one row per cell (Grp, Label, Col, Value); <see cref="Wide"/>
/// one row per table row (Grp, Label, then one column per table column, named by the column's key).
/// </summary>
public enum QueryShape { Long, Wide }

/// <summary>Fiscal-year columns: the report year and the two before it, the report year and the one before, or every year loaded.</summary>
public enum YearColumns { Three, Two, Loaded }

/// <summary>How a column found in the data is headed: as the data writes it, with dashes as spaces (ICE-ERO → ICE ERO), or capitalised (APPROVED → Approved).</summary>
public enum HeaderStyle { AsIs, DashesToSpaces, Capitalised }

/// <summary>Columns taken from the values the query returns: listed ones first in their order, then the rest alphabetically.</summary>
public sealed record ColumnsFromData(IReadOnlyList<string> Order, IReadOnlyList<string> Always, HeaderStyle Header);

/// <summary>Keep the largest rows, fold the rest into "All other countries"; ranked by the report year's column or the total.</summary>
public sealed record LeadingRows(int Count, bool ByTotal);

/// <summary>
/// Which deliveries a table's cells count, so that a cell whose feed was not loaded for its fiscal year prints NA (not
/// available) rather than "-": the year is read from the columns or from the rows; a row may name feeds of its own (the
/// Border Patrol's apprehensions come from one feed, ICE's from another), other rows, totals included, need every feed.
/// </summary>
public sealed record CoverageDefinition(IReadOnlyList<string> Feeds, bool YearsInRows, IReadOnlyDictionary<string, IReadOnlyList<string>> RowFeeds);

/// <summary>
/// A long series: figures OIS published for years the microdata do not cover (the Yearbook's removals and returns since
/// 1892), read by <c>tables/&lt;id&gt;.published.sql</c> in the table's usual cell shape, a year in the rows or columns as
/// <see cref="CoverageDefinition.YearsInRows"/> says, with each figure's <c>Citation</c> when the query gives one. They
/// fill only years before the first year the cell's feeds were all loaded for (records win, and a later gap stays NA);
/// the footnote under the table names the years they fill with their citations (<see cref="Note"/> where a figure has none).
/// </summary>
public sealed record PublishedSeries(string SqlFile, string Sql, string Note);

/// <summary>One table, read from <c>tables/&lt;id&gt;.yaml</c> and its SQL from <c>tables/&lt;id&gt;.sql</c>.</summary>
public sealed record TableDefinition
{
    public required string Id { get; init; }
    public required string File { get; init; }
    public required string SqlFile { get; init; }
    public required string Sql { get; init; }
    public required string Title { get; init; }
    public required string StubHeader { get; init; }
    public required DisclosureKind Disclosure { get; init; }
    public required string Source { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public QueryShape Shape { get; init; } = QueryShape.Long;
    public bool Grouped { get; init; }
    public bool GroupsFirst { get; init; }
    /// <summary>
    /// Every country of the reference list (rpt.Country) gets a row, a zero printed "-"; codes kept unlisted go on an
    /// "Other" line and ZZ on "Unknown", both printed every year. The query returns each cell's country code as Code.
    /// </summary>
    public bool AllCountries { get; init; }
    public bool TotalRow { get; init; } = true;
    public bool TotalColumn { get; init; }
    public IReadOnlyList<string> RowOrder { get; init; } = [];
    public YearColumns? Years { get; init; }
    public ColumnsFromData? FromData { get; init; }
    public IReadOnlyList<TableColumn> Columns { get; init; } = [];
    public LeadingRows? Leading { get; init; }
    public CoverageDefinition? Coverage { get; init; }
    public PublishedSeries? Published { get; init; }
}

/// <summary>One item of a report section, in reading order.</summary>
public abstract record BlockDefinition;

/// <summary>Paragraphs; may name tables of the report by id (<c>{table:id}</c>) or the section's tables as a span (<c>{tables}</c>).</summary>
public sealed record TextDefinition(IReadOnlyList<string> Paragraphs) : BlockDefinition;

/// <summary>A table printed here; <see cref="Number"/> as the edition numbers it, or null to number it next in the report's sequence.</summary>
public sealed record TableBlockDefinition(string TableId, string? Number) : BlockDefinition;

/// <summary>A chart drawn by the code named <see cref="Kind"/> from the report's tables, each given for a role the chart reads.</summary>
public sealed record ChartDefinition(string Kind, IReadOnlyDictionary<string, string> Tables) : BlockDefinition;

/// <summary>Tables, charts and text that code builds (<see cref="IComputedContent"/>), named as <see cref="ReportDefinitions.ComputedBlocks"/> lists.</summary>
public sealed record ComputedDefinition(string Name) : BlockDefinition;

/// <summary>The disclosure audit's statement for every table of the report.</summary>
public sealed record AuditDefinition : BlockDefinition;

public sealed record SectionDefinition(string Id, string Title, IReadOnlyList<BlockDefinition> Blocks);

/// <summary>A report, read from <c>&lt;name&gt;.yaml</c>: its titles, its sections, and the tables its key findings read.</summary>
public sealed record ReportDefinition
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public required string Title { get; init; }
    public required string ShortTitle { get; init; }
    public required IReadOnlyList<SectionDefinition> Sections { get; init; }
    /// <summary>Role → table id for the key findings, or null for a report without them.</summary>
    public IReadOnlyDictionary<string, string>? KeyFindings { get; init; }

    public IEnumerable<TableBlockDefinition> PrintedTables => Sections.SelectMany(s => s.Blocks).OfType<TableBlockDefinition>();

    /// <summary>Tables the charts and key findings read that the report does not print: built alongside, under the same disclosure control.</summary>
    public IEnumerable<string> UnprintedTables
    {
        get
        {
            var printed = PrintedTables.Select(t => t.TableId).ToHashSet(StringComparer.Ordinal);
            return Sections.SelectMany(s => s.Blocks).OfType<ChartDefinition>().SelectMany(c => c.Tables.Values)
                .Concat(KeyFindings?.Values ?? [])
                .Where(id => !printed.Contains(id)).Distinct(StringComparer.Ordinal);
        }
    }
}
