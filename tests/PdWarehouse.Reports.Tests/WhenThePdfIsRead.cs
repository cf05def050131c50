using PdWarehouse.Reports.Tests.Fixture;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenThePdfIsRead(RenderedReports reports)
{
    public static TheoryData<ReportKind> Kinds => new() { ReportKind.Yearbook, ReportKind.Annual };

    /// <summary>The cover and contents pages, where every title also appears: up to the contents' last table.</summary>
    private static int FrontPages(PdfText text, ReportOutput output) =>
        text.PageOf(output.Document.Contents.Last(e => e.Level == 3).Title, afterPage: 0);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_table_shows_its_hand_computed_figures_under_its_own_title(ReportKind kind)
    {
        var output = reports.Of(kind);
        var text = new PdfText(output.PdfPath);
        var front = FrontPages(text, output);
        foreach (var table in output.Document.Tables)
        {
            var title = $"{table.Number}. {table.Title}";
            var page = text.PageOf(title, front);
            Assert.True(page > 0, $"{title} not found after the contents");
            // The table may run onto the next pages (a nationality table over the whole reference list takes several): read on from its title.
            var body = string.Concat(text.Pages.Skip(page - 1));
            var position = body.IndexOf(PdfText.Squash(title), StringComparison.Ordinal);
            var expected = CsvTable.Parse(CsvTable.Lines(ExpectedTables.Csv[table.Id])).Skip(1);
            foreach (var row in expected)
            {
                var printed = PdfText.Squash(row[0] + string.Concat(row.Skip(3).Select(Printed)));
                var found = body.IndexOf(printed, position, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{table.Number} ({table.Id}): row '{string.Join(" ", row)}' not printed as '{printed}' after its title on page {page}");
                position = found + printed.Length;
            }
        }
    }

    /// <summary>How the Yearbook prints a CSV cell: zero as "-", thousands separated, D and NA as they are.</summary>
    private static string Printed(string csvCell) => csvCell switch
    {
        "0" => "-",
        "D" or "NA" or "" => csvCell,
        _ => long.Parse(csvCell, System.Globalization.CultureInfo.InvariantCulture).ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_pdf_is_tagged_with_a_structure_tree(ReportKind kind)
    {
        using var document = PdfDocument.Open(reports.Of(kind).PdfPath);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.ContainsKey(NameToken.StructTreeRoot), "no StructTreeRoot");
        Assert.True(catalog.TryGet(NameToken.MarkInfo, document.Structure.TokenScanner, out DictionaryToken? markInfo), "no MarkInfo");
        Assert.True(markInfo!.TryGet(NameToken.Marked, out BooleanToken marked) && marked.Data, "MarkInfo does not say Marked");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_outline_has_an_entry_for_every_table_on_its_page(ReportKind kind)
    {
        var output = reports.Of(kind);
        using var document = PdfDocument.Open(output.PdfPath);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var outline = ReportGenerator.Flatten(bookmarks!.Roots).ToList();
        var text = new PdfText(output.PdfPath);
        var front = FrontPages(text, output);
        foreach (var table in output.Document.Tables)
        {
            var title = PdfText.Squash($"{table.Number}. {table.Title}");
            var entry = outline.SingleOrDefault(b => PdfText.Squash(b.Title) == title);
            Assert.True(entry is not null, $"no outline entry for {title}");
            Assert.Equal(text.PageOf(title, front), entry!.PageNumber);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_contents_give_the_page_each_heading_is_printed_on(ReportKind kind)
    {
        var output = reports.Of(kind);
        var text = new PdfText(output.PdfPath);
        var front = FrontPages(text, output);
        Assert.Equal(output.PageCount, text.Pages.Count);
        var contentsPage = text.PageOf("Contents", 0);
        // Headings are searched in reading order, each from the page of the one before: a short section
        // title such as "Prosecutorial discretion" also occurs in running text earlier on.
        var from = front;
        foreach (var entry in output.Document.Contents)
        {
            Assert.NotNull(entry.Page);
            Assert.InRange(entry.Page!.Value, front + 1, output.PageCount);
            var page = text.PageOf(entry.Title, from);
            Assert.True(page == entry.Page, $"contents say '{entry.Title}' is on page {entry.Page}; it is printed on page {page}");
            from = page - 1;
            // The printed contents carry the same number right after the title.
            var listed = string.Concat(text.Pages.Skip(contentsPage - 1).Take(front - contentsPage + 1));
            Assert.Contains(PdfText.Squash(entry.Title) + entry.Page, listed, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_page_has_the_running_header_and_its_number_of_the_total(ReportKind kind)
    {
        var output = reports.Of(kind);
        var text = new PdfText(output.PdfPath);
        for (var i = 0; i < text.Pages.Count; i++)
        {
            Assert.Contains(PdfText.Squash(output.Document.ShortTitle), text.Pages[i], StringComparison.Ordinal);
            Assert.Contains("FiscalYear2014", text.Pages[i], StringComparison.Ordinal);
            Assert.Contains($"Page{i + 1}of{text.Pages.Count}", text.Pages[i], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_fonts_are_embedded(ReportKind kind)
    {
        var raw = File.ReadAllBytes(reports.Of(kind).PdfPath);
        var ascii = System.Text.Encoding.Latin1.GetString(raw);
        Assert.Contains("LiberationSans", ascii, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", ascii, StringComparison.Ordinal);
    }
}
