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
        // Every page the table runs onto says so above the repeated column headings.
        Assert.All(withRows.Skip(1), p => Assert.Contains("Table1.Alongtable(continued)Stubheading", p.text, StringComparison.Ordinal));

        // On the first page the same row is printed too (the header repeats whole), but under the title, which is
        // drawn after it, on a white ground, over the same lines: a reader sees the title, not "(continued)".
        var first = printed.GetPage(withRows[0].i + 1);
        var letters = first.Letters.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.Value)).ToList();
        var text = string.Concat(letters.Select(x => x.l.Value));
        var mark = text.IndexOf("(continued)", StringComparison.Ordinal);
        var title = text.IndexOf("Table1.Alongtable", mark + 1, StringComparison.Ordinal);
        Assert.True(mark >= 0 && title > mark, "on the first page the continued row should be drawn before the title");
        var markLetters = letters.Skip(mark).Take("(continued)".Length).Select(x => x.l).ToList();
        var titleLetters = letters.Skip(title).Take("Table1.Alongtable".Length).Select(x => x.l).ToList();
        var titleTop = titleLetters.Max(l => l.BoundingBox.Top);
        var titleBoxBottom = titleLetters.Min(l => l.BoundingBox.Bottom) - 6; // the title's 4pt padding and its descenders
        Assert.All(markLetters, l => Assert.InRange(l.BoundingBox.Bottom, titleBoxBottom, titleTop));
    }
}
