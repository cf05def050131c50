using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Rendering;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// Chromium forecasts the page of every contents entry before the one print, and the printed outline must bear the
/// forecast out; where it does not, the report is printed again with the outline's numbers, never published wrong.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenTheContentsAreNumbered(RenderedReports reports)
{
    [Theory]
    [InlineData(ReportKind.Yearbook)]
    [InlineData(ReportKind.Annual)]
    public void Each_report_prints_once_because_the_forecast_matches_the_print(ReportKind kind)
    {
        // That the printed contents give the right pages is checked against the PDF's text in WhenThePdfIsRead.
        Assert.Equal(1, reports.Of(kind).Timings.PrintPasses);
    }

    [Fact]
    public async Task The_forecast_fills_every_slot_with_the_page_its_anchor_prints_on()
    {
        // Three sections of known length: one page, a forced break, then a block tall enough to spill onto a third page.
        var html = """
            <html><body style="margin:0">
            <p>Contents: one <span data-page-of="one"></span>, two <span data-page-of="two"></span>, three <span data-page-of="three"></span>, missing <span data-page-of="nowhere"></span>.</p>
            <h2 id="one">One</h2>
            <h2 id="two" style="break-before:page">Two</h2>
            <div style="height:1200px"></div>
            <h2 id="three">Three</h2>
            </body></html>
            """;
        var printed = await reports.Printer.PrintNumberingPagesAsync(html, new PageFurniture("Test", "FY", "Footer"));

        Assert.Equal(new Dictionary<string, int> { ["one"] = 1, ["two"] = 2, ["three"] = 3, ["nowhere"] = 0 }, printed.ForecastPages);
        var path = Path.Combine(reports.Directory, "forecast-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, printed.Pdf);
        var text = new PdfText(path);
        Assert.Equal(3, text.Pages.Count);
        Assert.Contains("Contents:one1,two2,three3,missing.", PdfText.Squash(text.Pages[0]), StringComparison.Ordinal);
        Assert.Equal((1, 2, 3), (text.PageOf("One", 0), text.PageOf("Two", 1), text.PageOf("Three", 2)));
    }

    [Fact]
    public async Task A_forecast_the_print_does_not_bear_out_is_corrected_by_another_print()
    {
        // A print-only rule the forecast cannot see: page-wide media queries match the paper in print, but the
        // forecast lays out in the browser's 800-pixel window. Every table title then starts a page only in print.
        var templates = CopyTemplates();
        File.AppendAllText(Path.Combine(templates, "print.css"), "\n@media print and (max-width: 700px) { h3 { break-before: page; } }\n");
        var options = reports.Options("misforecast-" + Guid.NewGuid().ToString("N"));
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var generator = new ReportGenerator(db, new TemplateRenderer(templates), reports.Printer);

        var output = await generator.RenderAsync(ReportKind.Annual, options);

        Assert.True(output.Timings.PrintPasses >= 2, $"the forecast was published after {output.Timings.PrintPasses} print(s)");
        Assert.True(output.PageCount > reports.Annual.PageCount, "the print-only rule did not move any page");
        // Each heading is printed on the page the printed contents give it (searched in reading order, as in WhenThePdfIsRead).
        var text = new PdfText(output.PdfPath);
        var front = text.PageOf(output.Document.Contents.Last(e => e.Level == 3).Title, 0);
        var contents = string.Concat(text.Pages.Take(front));
        var from = front;
        foreach (var entry in output.Document.Contents)
        {
            var page = text.PageOf(entry.Title, from);
            Assert.True(page == entry.Page, $"contents say '{entry.Title}' is on page {entry.Page}; it is printed on page {page}");
            Assert.Contains(PdfText.Squash(entry.Title) + entry.Page, contents, StringComparison.Ordinal);
            from = page - 1;
        }
        var html = File.ReadAllText(output.HtmlPath);
        foreach (var entry in output.Document.Contents)
            Assert.Contains($"data-page-of=\"{entry.Id}\">{entry.Page}<", html, StringComparison.Ordinal);
    }

    private string CopyTemplates()
    {
        var copy = Path.Combine(reports.Directory, "templates-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(reports.Templates.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(reports.Templates.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
