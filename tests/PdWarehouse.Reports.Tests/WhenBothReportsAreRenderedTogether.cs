using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// `pdw report all`: the annual report is queried while the Yearbook prints, into one folder. Rendered together, each
/// report must be exactly what it is rendered alone (the fixture renders them one at a time, into folders of their own).
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenBothReportsAreRenderedTogether(RenderedReports reports)
{
    [Fact]
    public async Task Each_report_is_what_it_is_rendered_alone()
    {
        var options = reports.Options("together-" + Guid.NewGuid().ToString("N"));
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);

        var outputs = await new ReportGenerator(db, reports.Templates, reports.Printer).RenderAsync([ReportKind.Yearbook, ReportKind.Annual], options);

        Assert.Equal([ReportKind.Yearbook, ReportKind.Annual], outputs.Select(o => o.Kind));
        foreach (var output in outputs)
        {
            var alone = reports.Of(output.Kind);
            Assert.Equal(options.OutputDirectory, Path.GetDirectoryName(output.PdfPath));
            Assert.Equal(File.ReadAllText(alone.HtmlPath), File.ReadAllText(output.HtmlPath));
            Assert.Equal(alone.PageCount, output.PageCount);
            Assert.Equal(alone.Document.Contents.Select(e => (e.Title, e.Page)), output.Document.Contents.Select(e => (e.Title, e.Page)));
            Assert.Equal(new PdfText(alone.PdfPath).Pages, new PdfText(output.PdfPath).Pages);
            Assert.Equal(alone.CsvPaths.Select(Path.GetFileName), output.CsvPaths.Select(Path.GetFileName));
            // Tables both reports print (apprehensions by program, PD by component and action, ...) are one CSV in the
            // shared folder, the same as each report writes alone.
            foreach (var (csv, mine) in alone.CsvPaths.Zip(output.CsvPaths))
                Assert.Equal(File.ReadAllText(csv), File.ReadAllText(mine));
        }
        var files = Directory.GetFiles(options.OutputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = outputs.SelectMany(o => o.CsvPaths.Append(o.PdfPath).Append(o.HtmlPath)).Select(Path.GetFileName).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
    }

    [Fact]
    public async Task A_report_that_fails_leaves_the_one_before_it_written_and_names_its_view()
    {
        // The data-quality appendix is the annual report's alone: without its view the Yearbook still renders.
        var copy = Path.Combine(reports.Directory, $"without-load-reject-{Guid.NewGuid():N}.duckdb");
        File.Copy(reports.DatabasePath, copy);
        using var db = WarehouseConnection.OpenDuckDb(copy);
        db.Execute("DROP VIEW rpt.LoadReject");
        var options = reports.Options("failing-" + Guid.NewGuid().ToString("N"));

        var ex = await Assert.ThrowsAsync<ReportQueryException>(() =>
            new ReportGenerator(db, reports.Templates, reports.Printer).RenderAsync([ReportKind.Yearbook, ReportKind.Annual], options));

        Assert.Contains("rpt.LoadReject", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(options.OutputDirectory, "yearbook.pdf")), "the Yearbook printed before the annual report failed was not written");
        Assert.Equal(File.ReadAllText(reports.Yearbook.HtmlPath), File.ReadAllText(Path.Combine(options.OutputDirectory, "yearbook.html")));
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "annual.pdf")));
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "annual.html")));
    }

    [Fact]
    public async Task A_report_asked_for_twice_or_none_asked_for_is_refused()
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var generator = new ReportGenerator(db, reports.Templates, reports.Printer);
        var options = reports.Options("refused-" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => generator.RenderAsync([ReportKind.Annual, ReportKind.Annual], options));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.RenderAsync([], options));
        Assert.False(Directory.Exists(options.OutputDirectory));
    }
}
