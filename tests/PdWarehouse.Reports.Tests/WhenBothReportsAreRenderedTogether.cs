using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tables;
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
        var expected = outputs.SelectMany(o => o.CsvPaths.Append(o.PdfPath).Append(o.HtmlPath).Append(o.WorkbookPath)).Select(Path.GetFileName).Distinct().Order(StringComparer.Ordinal);
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

        var announced = new List<ReportKind>();

        var ex = await Assert.ThrowsAsync<ReportQueryException>(() =>
            new ReportGenerator(db, reports.Templates, reports.Printer).RenderAsync([ReportKind.Yearbook, ReportKind.Annual], options, o => announced.Add(o.Kind)));

        Assert.Contains("rpt.LoadReject", ex.Message, StringComparison.Ordinal);
        Assert.Equal([ReportKind.Yearbook], announced);
        Assert.True(File.Exists(Path.Combine(options.OutputDirectory, "yearbook.pdf")), "the Yearbook printed before the annual report failed was not written");
        Assert.Equal(File.ReadAllText(reports.Yearbook.HtmlPath), File.ReadAllText(Path.Combine(options.OutputDirectory, "yearbook.html")));
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "annual.pdf")));
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, "annual.html")));
    }

    [Fact]
    public async Task A_report_whose_files_cannot_be_written_fails_naming_the_file()
    {
        var options = reports.Options("unwritable-" + Guid.NewGuid().ToString("N"));
        // A folder where the Yearbook's PDF should go: the file cannot be written.
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "yearbook.pdf"));
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var announced = new List<ReportKind>();

        var ex = await Assert.ThrowsAsync<ReportOutputException>(() =>
            new ReportGenerator(db, reports.Templates, reports.Printer).RenderAsync([ReportKind.Yearbook, ReportKind.Annual], options, o => announced.Add(o.Kind)));

        Assert.Contains(Path.Combine(options.OutputDirectory, "yearbook.pdf"), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportKind.Yearbook, announced);
    }

    [Fact]
    public void A_report_composed_beside_a_print_queries_on_the_callers_connection_alone()
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        using var beside = new ReportData(db, FixtureWarehouse.FiscalYear) { InBackground = true };

        var document = Documents.Build(ReportKind.Annual, beside, FixtureWarehouse.MinimumCell, new DateOnly(2014, 12, 1));

        Assert.Equal(0, beside.SiblingConnectionsOpened);
        Assert.Equal(reports.Annual.Document.Tables.Select(TableCsv.Write), document.Tables.Select(TableCsv.Write));
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
