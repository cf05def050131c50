using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tests.Fixture;
using UglyToad.PdfPig;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// Re-rendering into the same folder starts from the page numbers the last print proved, so it prints once; a stale
/// or foreign numbers file only costs the draft pass back, never a wrong contents page.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenAReportIsRenderedAgain(RenderedReports reports)
{
    [Fact]
    public async Task The_first_render_prints_a_draft_and_a_final_and_the_second_prints_once_with_the_same_pages()
    {
        var options = reports.Options("again-" + Guid.NewGuid().ToString("N"));
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var generator = new ReportGenerator(db, reports.Templates, reports.Printer);

        var first = await generator.RenderAsync(ReportKind.Annual, options);
        var second = await generator.RenderAsync(ReportKind.Annual, options);

        Assert.True(first.Timings.PrintPasses >= 2, $"first render printed {first.Timings.PrintPasses} time(s)");
        Assert.Equal(1, second.Timings.PrintPasses);
        Assert.Equal(first.Document.Contents.Select(e => e.Page), second.Document.Contents.Select(e => e.Page));
    }

    [Fact]
    public async Task Wrong_remembered_page_numbers_are_corrected_by_another_final_print()
    {
        var options = reports.Options("stale-" + Guid.NewGuid().ToString("N"));
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var generator = new ReportGenerator(db, reports.Templates, reports.Printer);
        var first = await generator.RenderAsync(ReportKind.Annual, options);
        var numbers = Path.Combine(options.OutputDirectory, first.Document.FileStem + ".contents.json");
        File.WriteAllText(numbers, File.ReadAllText(numbers).Replace("\"Page\":", "\"Page\":1", StringComparison.Ordinal));

        var again = await generator.RenderAsync(ReportKind.Annual, options);

        Assert.True(again.Timings.PrintPasses >= 2, $"the stale numbers were published after {again.Timings.PrintPasses} print(s)");
        Assert.Equal(first.Document.Contents.Select(e => e.Page), again.Document.Contents.Select(e => e.Page));
        using var pdf = PdfDocument.Open(again.PdfPath);
        Assert.Equal(first.PageCount, pdf.NumberOfPages);
    }
}
