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

/// <param name="MinimumCell">The disclosure threshold for every table (<c>--min-cell</c>); null for each table's kind's own (<see cref="Definitions.DisclosurePolicy"/>).</param>
public sealed record ReportOptions(int FiscalYear, string OutputDirectory, int? MinimumCell = null)
{
    /// <summary>The months the monitoring report covers (<c>--from</c>, <c>--to</c>); the fiscal year when not given.</summary>
    public ReportPeriod? Period { get; init; }

    /// <summary>Builds the blocks a report's definition names <c>computed:</c> (the monitoring report's); null when no report needs any.</summary>
    public IComputedContent? Computed { get; init; }

    public ReportPeriod PeriodOrFiscalYear => Period ?? ReportPeriod.FiscalYear(FiscalYear);

    /// <summary>The date printed on the cover; fixed in tests so output is reproducible.</summary>
    public DateOnly Prepared { get; init; } = DateOnly.FromDateTime(DateTime.Today);
}

/// <summary>
/// Where the time went: SQL against the warehouse (wall-clock time while any query ran; they run side by side, or one
/// at a time for a report composed beside another's print); building tables, suppression and chart SVGs (outside that
/// time); rendering templates; and Chromium (load, page forecast, print and reading the outline back, every print).
/// When several reports are rendered together their times overlap (the second is queried while the first prints), so
/// their totals add up to more than the time the render took.
/// </summary>
public sealed record ReportTimings(TimeSpan Query, TimeSpan Build, TimeSpan Template, TimeSpan Chromium, int PrintPasses)
{
    public TimeSpan Total => Query + Build + Template + Chromium;
}

public sealed record ReportOutput(
    ReportKind Kind, string PdfPath, string HtmlPath, IReadOnlyList<string> CsvPaths, string WorkbookPath,
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
        // The calendar a load can extend dw.DimDate to runs from the first day of one fiscal year to the last day of another.
        int first = ReferenceData.EarliestDate.Year + 1, last = ReferenceData.LatestDate.Year;
        if (options.FiscalYear < first || options.FiscalYear > last)
            throw new ReportOptionsException($"Fiscal year {options.FiscalYear} is outside the warehouse calendar (FY{first} to FY{last}).");
        if (options.MinimumCell is < 1)
            throw new ReportOptionsException($"--min-cell must be at least 1 (got {options.MinimumCell}).");
        if (options.Period is { } p)
        {
            if (p.Start > p.End) throw new ReportOptionsException($"--from {p.Start:yyyy-MM} is after --to {p.End:yyyy-MM}.");
            if (p.Start < ReferenceData.EarliestDate || p.End > ReferenceData.LatestDate)
                throw new ReportOptionsException($"The months {p.Label} are outside the warehouse calendar ({ReferenceData.EarliestDate:yyyy-MM} to {ReferenceData.LatestDate:yyyy-MM}).");
        }
    }

    /// <summary>The query phase alone: every table of the report, after disclosure control.</summary>
    public static ReportDocument BuildDocument(WarehouseConnection db, ReportKind kind, ReportOptions options)
    {
        using var data = new ReportData(db, options.FiscalYear) { Period = options.PeriodOrFiscalYear };
        return BuildDocument(data, kind, options);
    }

    private static ReportDocument BuildDocument(ReportData data, ReportKind kind, ReportOptions options)
    {
        Validate(options);
        var document = Documents.Build(kind, data, options.MinimumCell, options.Prepared, options.Computed);
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
        var table = new TableView("warm-up-table", "Table 1", "Warm-up", "Row", [new ColumnView("2014", false), new ColumnView("Total", true)],
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
        new(d.ShortTitle, d.PeriodLabel, "U.S. Department of Homeland Security \u00b7 Office of Immigration Statistics");

    public async Task<ReportOutput> RenderAsync(ReportKind kind, ReportOptions options) =>
        (await RenderAsync([kind], options))[0];

    /// <summary>
    /// Renders reports into one folder with one browser, in the order given. Each report's queries, tables and template
    /// run while the report before it prints: Chromium keeps only about one of the two cores busy while it prints
    /// (1.7–1.9 s of CPU in a 1.6–1.7 s print of the Yearbook, bench/README.md), and this process would otherwise only
    /// wait. A report's printed outline is checked, and its files written, while the next one prints; <paramref
    /// name="written"/> hears of each report as soon as its files are. A report that fails leaves the reports before it
    /// written, and stops the ones after it that have not started printing; the earliest report's failure is thrown.
    /// </summary>
    public async Task<IReadOnlyList<ReportOutput>> RenderAsync(IReadOnlyList<ReportKind> kinds, ReportOptions options, Action<ReportOutput>? written = null)
    {
        if (kinds.Count == 0 || kinds.Distinct().Count() != kinds.Count)
            throw new ArgumentException("Give each report once.", nameof(kinds));
        Validate(options);
        // Before any query: a folder that cannot be written fails now, not after every report has printed.
        CreateOutputDirectory(options.OutputDirectory);
        // A browser that comes up while the first report's queries run opens its page then (a launch that fails is
        // reported where it is awaited, below).
        using var querying = new CancellationTokenSource();
        var preparing = launching.ContinueWith(t => t.Result.PreparePage(), querying.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        Task<ComposedReport>? composing = Task.Run(() => Compose(kinds[0], options, inBackground: false));
        var finishing = new List<Task<ReportOutput>>();
        try
        {
            for (var i = 0; i < kinds.Count; i++)
            {
                var composed = await composing!;
                querying.Cancel();
                // A report that failed to finish ends the render: the reports after it are not printed.
                if (finishing.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
                // A browser still starting (the CLI launches it while the queries run) is waited for only now; if it came up
                // after the queries, its page is opened now (PreparePage does nothing when a page is already being opened).
                var printer = await launching;
                printer.PreparePage();
                // The next report is composed on the caller's connection while this one prints (compositions never overlap),
                // one query at a time and without warm-up threads: it has the whole print to finish in, and each core it
                // takes is taken from the print.
                var next = i + 1 < kinds.Count ? kinds[i + 1] : (ReportKind?)null;
                composing = next is { } k ? Task.Run(() => Compose(k, options, inBackground: true)) : null;
                var clock = Stopwatch.StartNew();
                _ = PdfReaderWarmUp.Value;
                // The first print numbers the contents itself: Chromium forecasts the page of every heading before it prints.
                var printing = printer.PrintNumberingPagesAsync(composed.Html, Furniture(composed.Document));
                // The print has taken the prepared page: the next report's page opens while this one prints.
                if (next is not null) printer.PreparePage();
                var numbered = await printing;
                var printed = clock.Elapsed;
                finishing.Add(Task.Run(() => FinishAsync(printer, composed, numbered, printed, options.OutputDirectory, written)));
            }
            return await Task.WhenAll(finishing);
        }
        catch (Exception) when (finishing.Count > 0)
        {
            // The reports after a failed one went on only because its failure was not known yet: report the earliest.
            await Settle([.. finishing]);
            if (finishing.FirstOrDefault(t => t.IsFaulted) is { } earliest)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(earliest.Exception!.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            // On a failure nothing may go on using the caller's connection or the browser after this returns.
            querying.Cancel();
            await Settle([.. finishing, composing ?? Task.CompletedTask, preparing]);
        }
    }

    /// <summary>Waits for every task to end, failed, cancelled or not: their failures are reported, if at all, by the caller.</summary>
    private static async Task Settle(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks)
            try { await task; }
            catch (Exception) { /* the failure that propagates is chosen by the caller */ }
    }

    private static void CreateOutputDirectory(string directory)
    {
        try { Directory.CreateDirectory(directory); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReportOutputException($"Cannot create the output folder '{directory}': {ex.Message}", ex);
        }
    }

    /// <summary>A report's queries, tables and charts, and its HTML before the contents are numbered.</summary>
    private sealed record ComposedReport(ReportDocument Document, string Html, TimeSpan Query, TimeSpan Build, TimeSpan Template);

    private ComposedReport Compose(ReportKind kind, ReportOptions options, bool inBackground)
    {
        var clock = Stopwatch.StartNew();
        if (!inBackground) _ = WarmUpTemplate(templates, kind);
        ReportDocument document;
        TimeSpan query;
        using (var data = new ReportData(db, options.FiscalYear) { InBackground = inBackground, Period = options.PeriodOrFiscalYear })
        {
            document = BuildDocument(data, kind, options);
            // Queries run side by side with the building of other tables: query time is the wall-clock time any query ran.
            query = data.QueryWallTime;
        }
        var build = clock.Elapsed - query;
        clock.Restart();
        var html = RenderHtml(templates, document);
        return new ComposedReport(document, html, query, build, clock.Elapsed);
    }

    /// <summary>
    /// Checks the printed outline against the numbers the contents were printed with, and prints again only where they
    /// differ, so the published page numbers are always checked ones; then renders the HTML published beside the PDF.
    /// </summary>
    private async Task<ReportOutput> FinishAsync(ChromiumPdfPrinter printer, ComposedReport composed, NumberedPrint numbered, TimeSpan printed,
        string directory, Action<ReportOutput>? written)
    {
        var document = composed.Document;
        var templateTime = composed.Template;
        var chromiumTime = printed;
        foreach (var entry in document.Contents) entry.Page = numbered.ForecastPages.GetValueOrDefault(entry.Id);
        var pdf = numbered.Pdf;
        var passes = 1;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (pages, pageCount) = HeadingPages(pdf, document.Contents);
            // Reading the outline back is part of what numbering the contents costs.
            chromiumTime += clock.Elapsed;
            var moved = document.Contents.Where((e, i) => e.Page != pages[i]).Count();
            for (var i = 0; i < pages.Count; i++) document.Contents[i].Page = pages[i];
            // The HTML published beside the PDF carries the numbers the PDF shows.
            clock.Restart();
            var html = RenderHtml(templates, document);
            templateTime += clock.Elapsed;
            if (moved == 0)
            {
                var (pdfPath, htmlPath, csvPaths, workbookPath) = Publish(directory, document, html, pdf);
                var output = new ReportOutput(document.Kind, pdfPath, htmlPath, csvPaths, workbookPath, document, pageCount,
                    new ReportTimings(composed.Query, composed.Build, templateTime, chromiumTime, passes));
                written?.Invoke(output);
                return output;
            }
            if (passes == MaxPrintPasses)
                throw new PdfRenderException($"The table of contents did not settle after {MaxPrintPasses} printing passes.");
            clock.Restart();
            pdf = await printer.PrintAsync(html, Furniture(document));
            passes++;
        }
    }

    private readonly Lock _publishing = new();

    /// <summary>Writes a report's files; one report at a time, since reports that share a table write the same CSV.</summary>
    private (string Pdf, string Html, IReadOnlyList<string> Csvs, string Workbook) Publish(string directory, ReportDocument document, string html, byte[] pdf)
    {
        var stem = Path.Combine(directory, document.FileStem);
        var path = stem + ".html";
        lock (_publishing)
        {
            try
            {
                File.WriteAllText(path, html, new UTF8Encoding(false));
                path = stem + ".pdf";
                File.WriteAllBytes(path, pdf);
                var csvs = new List<string>();
                foreach (var table in document.Tables)
                {
                    path = Path.Combine(directory, TableCsv.FileName(table));
                    TableCsv.Save(table, path);
                    csvs.Add(path);
                }
                path = stem + ".xlsx";
                ReportWorkbook.Save(path, document.Tables);
                return (stem + ".pdf", stem + ".html", csvs, path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ReportOutputException($"Cannot write '{path}': {ex.Message}", ex);
            }
        }
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
