using System.Diagnostics;
using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Rendering;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Warehouse;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace PdWarehouse.Reports;

public sealed record ReportOptions(int FiscalYear, string OutputDirectory, int MinimumCell = 10)
{
    /// <summary>The date printed on the cover; fixed in tests so output is reproducible.</summary>
    public DateOnly Prepared { get; init; } = DateOnly.FromDateTime(DateTime.Today);
}

/// <summary>
/// Where the time went: SQL against the warehouse (wall-clock time while any query ran; they run side by side);
/// building tables, suppression and chart SVGs (outside that time);
/// rendering templates; and Chromium (load, page forecast, print and reading the outline back, every print).
/// </summary>
public sealed record ReportTimings(TimeSpan Query, TimeSpan Build, TimeSpan Template, TimeSpan Chromium, int PrintPasses)
{
    public TimeSpan Total => Query + Build + Template + Chromium;
}

public sealed record ReportOutput(
    ReportKind Kind, string PdfPath, string HtmlPath, IReadOnlyList<string> CsvPaths,
    ReportDocument Document, int PageCount, ReportTimings Timings);

/// <summary>
/// Renders a report: query the rpt views into tables (with disclosure control), render the Scriban
/// template to HTML, and print it with Chromium, which numbers the table of contents from its own page
/// forecast; the printed PDF's outline then proves the numbers, and a report is printed again only if
/// a heading landed elsewhere.
/// </summary>
public sealed class ReportGenerator(WarehouseConnection db, TemplateRenderer templates, Task<ChromiumPdfPrinter> launching)
{
    public ReportGenerator(WarehouseConnection db, TemplateRenderer templates, ChromiumPdfPrinter printer)
        : this(db, templates, Task.FromResult(printer)) { }

    private const int MaxPrintPasses = 4;

    public static void Validate(ReportOptions options)
    {
        // The date dimension runs from the first day of one fiscal year to the last day of another.
        int first = ReferenceData.FirstDate.Year + 1, last = ReferenceData.LastDate.Year;
        if (options.FiscalYear < first || options.FiscalYear > last)
            throw new ReportOptionsException($"Fiscal year {options.FiscalYear} is outside the warehouse calendar (FY{first} to FY{last}).");
        if (options.MinimumCell < 1)
            throw new ReportOptionsException($"--min-cell must be at least 1 (got {options.MinimumCell}).");
    }

    /// <summary>The query phase alone: every table of the report, after disclosure control.</summary>
    public static ReportDocument BuildDocument(WarehouseConnection db, ReportKind kind, ReportOptions options)
    {
        using var data = new ReportData(db, options.FiscalYear);
        return BuildDocument(data, kind, options);
    }

    private static ReportDocument BuildDocument(ReportData data, ReportKind kind, ReportOptions options)
    {
        Validate(options);
        var document = Documents.Build(kind, data, options.MinimumCell, options.Prepared);
        document.BuildContents();
        return document;
    }

    /// <summary>The template phase alone: the document as HTML, with whatever page numbers its contents hold.</summary>
    public static string RenderHtml(TemplateRenderer templates, ReportDocument document)
    {
        var model = new
        {
            Report = document,
            Css = new RawHtml(templates.ReadText("print.css")),
        };
        return templates.Render(document.TemplateFile, model);
    }

    /// <summary>
    /// Renders the report's own template once, on a thread of its own, over a document of one table, one chart and one
    /// paragraph. Scriban's first render in a process compiles its interpreter and reads the document's types: the
    /// Yearbook's first render took 93 ms against 6 ms for the next (bench/README.md). Started beside the queries, that
    /// cost is paid while the warehouse answers. Once per kind and process; a warm-up that fails changes nothing, since
    /// the real render reports the failure.
    /// </summary>
    public static Task WarmUpTemplate(TemplateRenderer templates, ReportKind kind) =>
        TemplateWarmUps.GetOrAdd(kind, k => new Lazy<Task>(() => Task.Factory.StartNew(
            () => RenderHtml(templates, Placeholder(k)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))).Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ReportKind, Lazy<Task>> TemplateWarmUps = new();

    private static ReportDocument Placeholder(ReportKind kind)
    {
        var table = new TableView("warm-up-table", "Table 1", "Warm-up", "Row", [new ColumnView("FY2014", false), new ColumnView("Total", true)],
            [new RowView("Row", "detail", ["1", "D"]), new RowView("Total", "total", ["1", "D"])], ["Note."], "Source.", "warm-up-table.csv", false, true);
        var chart = new Charts.ChartBlock("warm-up-chart", "Figure 1", "Warm-up", "Chart.", new RawHtml("<svg></svg>"), ["Note."], "Source.");
        var document = new ReportDocument
        {
            Kind = kind, Title = "Warm-up", ShortTitle = "Warm-up", FiscalYear = 2014, MinimumCell = 10, Prepared = "October 2014",
            KeyFindings = ["Finding."], Tables = [],
            Sections = [new Section("warm-up", "Warm-up", [Block.Text("Text."), new Block("table", Table: table), new Block("chart", Chart: chart)])],
        };
        document.BuildContents();
        return document;
    }

    public static PageFurniture Furniture(ReportDocument d) =>
        new(d.ShortTitle, $"Fiscal Year {d.FiscalYear}", "U.S. Department of Homeland Security \u00b7 Office of Immigration Statistics");

    public async Task<ReportOutput> RenderAsync(ReportKind kind, ReportOptions options)
    {
        var clock = Stopwatch.StartNew();
        // A browser that comes up while the queries run opens its page then (a launch that fails is reported where it is awaited, below).
        using var querying = new CancellationTokenSource();
        _ = launching.ContinueWith(t => t.Result.PreparePage(), querying.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _ = WarmUpTemplate(templates, kind);
        ReportDocument document;
        TimeSpan query;
        using (var data = new ReportData(db, options.FiscalYear))
        {
            document = BuildDocument(data, kind, options);
            // Queries run side by side with the building of other tables: query time is the wall-clock time any query ran.
            query = data.QueryWallTime;
        }
        querying.Cancel();
        var build = clock.Elapsed - query;

        Directory.CreateDirectory(options.OutputDirectory);
        // A browser still starting (the CLI launches it while the queries run) is waited for only now; if it came up
        // after the queries, its page is opened now (PreparePage does nothing when the page is already being opened).
        var printer = await launching;
        printer.PreparePage();
        var templateTime = TimeSpan.Zero;
        var chromiumTime = TimeSpan.Zero;
        var furniture = Furniture(document);
        // The first print numbers the contents itself: Chromium forecasts the page of every heading before it prints.
        // The loop then checks the printed outline against the numbers printed, and prints again only where they differ,
        // so the published page numbers are always checked ones.
        clock.Restart();
        var html = RenderHtml(templates, document);
        templateTime += clock.Elapsed;
        clock.Restart();
        _ = PdfReaderWarmUp.Value;
        var numbered = await printer.PrintNumberingPagesAsync(html, furniture);
        var pdf = numbered.Pdf;
        foreach (var entry in document.Contents) entry.Page = numbered.ForecastPages.GetValueOrDefault(entry.Id);
        var passes = 1;
        int pageCount;
        while (true)
        {
            (var pages, pageCount) = HeadingPages(pdf, document.Contents);
            // Reading the outline back is part of what numbering the contents costs.
            chromiumTime += clock.Elapsed;
            var moved = document.Contents.Where((e, i) => e.Page != pages[i]).Count();
            for (var i = 0; i < pages.Count; i++) document.Contents[i].Page = pages[i];
            // The HTML published beside the PDF carries the numbers the PDF shows.
            clock.Restart();
            html = RenderHtml(templates, document);
            templateTime += clock.Elapsed;
            if (moved == 0) break;
            if (passes == MaxPrintPasses)
                throw new PdfRenderException($"The table of contents did not settle after {MaxPrintPasses} printing passes.");
            clock.Restart();
            pdf = await printer.PrintAsync(html, furniture);
            passes++;
        }

        var stem = Path.Combine(options.OutputDirectory, document.FileStem);
        File.WriteAllText(stem + ".html", html, new UTF8Encoding(false));
        File.WriteAllBytes(stem + ".pdf", pdf);
        var csvs = new List<string>();
        foreach (var table in document.Tables)
        {
            TableCsv.Save(table, options.OutputDirectory);
            csvs.Add(Path.Combine(options.OutputDirectory, table.Id + ".csv"));
        }
        return new ReportOutput(kind, stem + ".pdf", stem + ".html", csvs, document, pageCount,
            new ReportTimings(query, build, templateTime, chromiumTime, passes));
    }

    /// <summary>
    /// PdfPig's first document in a process costs about 0.4 s of JIT and set-up (0.43–0.54 s to open a report and read
    /// its outline cold, 0.09 s after a blank page was read; bench/README.md). A blank page read while Chromium prints,
    /// when this process only waits, takes that off the path from print to published PDF.
    /// </summary>
    private static readonly Lazy<Task> PdfReaderWarmUp = new(() => Task.Run(() =>
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.Letter);
        using var blank = PdfDocument.Open(builder.Build());
        blank.TryGetBookmarks(out _);
    }));

    /// <summary>
    /// The page of every contents entry, from the outline Chromium builds out of the headings: the
    /// outline lists headings in document order, so entries are matched in order by their text.
    /// </summary>
    /// <returns>The page of each entry, and the PDF's page count (read from the same parse: opening the Yearbook's
    /// 2.5 MB PDF costs PdfPig about 30 ms).</returns>
    public static (IReadOnlyList<int> Pages, int PageCount) HeadingPages(byte[] pdf, IReadOnlyList<TocEntry> contents)
    {
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks))
            throw new PdfRenderException("Chromium produced a PDF without an outline; the table of contents cannot be numbered.");
        var outline = Flatten(bookmarks.Roots).ToList();
        var pages = new List<int>();
        var next = 0;
        foreach (var entry in contents)
        {
            var title = Normalise(entry.Title);
            while (next < outline.Count && Normalise(outline[next].Title) != title) next++;
            if (next == outline.Count)
                throw new PdfRenderException($"The PDF outline has no heading \u201c{entry.Title}\u201d.");
            pages.Add(outline[next].PageNumber);
            next++;
        }
        return (pages, document.NumberOfPages);
    }

    public static IEnumerable<DocumentBookmarkNode> Flatten(IEnumerable<BookmarkNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is DocumentBookmarkNode d) yield return d;
            foreach (var child in Flatten(node.Children)) yield return child;
        }
    }

    /// <summary>Chromium drops the space where a long heading wraps, so titles are compared without whitespace.</summary>
    public static string Normalise(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
