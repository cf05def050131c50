using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tests.Fixture;
using UglyToad.PdfPig;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenATableRunsOverSeveralPages(RenderedReports reports)
{
    [Fact]
    public async Task Its_column_headers_are_repeated_on_every_page()
    {
        var facts = Enumerable.Range(1, 160).Select(i => new CellFact { Label = $"Line {i:D3}", Col = "A", Value = 1000 + i }).ToList();
        var table = TableBuilder.Build(new TableSpec
        {
            Id = "long", Number = "Table 1", Title = "A long table", StubHeader = "Stub heading",
            Columns = [new("A", "Column heading")], Source = "Source: test.",
        }, facts);
        var document = new ReportDocument
        {
            Kind = ReportKind.Yearbook, Title = "Long table", ShortTitle = "Long table", FiscalYear = 2014, MinimumCell = 3, Prepared = "December 2014",
            Sections = [new Section("long-section", "Long section", [Block.Of(table)])], Tables = [table],
        };
        document.BuildContents();
        var pdf = await reports.Printer.PrintAsync(ReportGenerator.RenderHtml(reports.Templates, document), ReportGenerator.Furniture(document));

        using var printed = PdfDocument.Open(pdf);
        var pages = printed.GetPages().Select(p => PdfText.Squash(p.Text)).ToList();
        var withRows = pages.Select((text, i) => (text, i)).Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.text, "Line[0-9]{3}")).ToList();
        Assert.True(withRows.Count >= 3, $"expected the table to span at least 3 pages, got {withRows.Count}");
        Assert.All(withRows, p => Assert.Contains("StubheadingColumnheading", p.text, StringComparison.Ordinal));
    }
}
