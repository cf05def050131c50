using System.Globalization;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The reports rendered from the generated, loaded delivery set against truth.json: every table's CSV equals the
/// table truth.json implies (built in <see cref="ReportTruth"/>, not by the report code), and the PDF prints the same
/// figures under that table's own title. The comparison runs on reports with no cell withheld (--min-cell 1), and
/// once more on a suppressed Yearbook: there every published cell must still equal truth and every count below the
/// minimum must be D (the complementary D cells are the suppression tests' business, in the Reports tests).
/// </summary>
[Collection(TruthCollection.Name)]
public sealed class ReportTruthTests(TruthFixture f)
{
    private ReportTruth Truth => _truth ??= new ReportTruth(f.Truth, f.Deliveries);
    private ReportTruth? _truth;

    public static TheoryData<string, string> Tables()
    {
        var data = new TheoryData<string, string>();
        foreach (var (report, table) in ReportTruth.Checked) data.Add(report, table);
        return data;
    }

    private string Folder(string report)
    {
        // `pdw report all` writes the Yearbook and the monitoring report (with the annual report) into one folder.
        var all = report is "yearbook" or "monitor";
        var run = all ? f.Report : f.Annual;
        Assert.True(run.ExitCode == 0, run.Err);
        return all ? f.Reports : f.AnnualReports;
    }

    private static List<string[]> Csv(string folder, string table) => ReportTruth.ReadCsv(Path.Combine(folder, table + ".csv"));

    private static string Key(string[] csvRow) => $"{csvRow[2]}|{csvRow[1]}|{csvRow[0]}";

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_cell_of_the_table_equals_truth(string report, string table)
    {
        var expected = Truth.Expected(table);
        var csv = Csv(Folder(report), table);
        Assert.Equal(expected.Columns, csv[0].Skip(3));
        // A table with no figures would agree with anything.
        Assert.Contains(expected.Rows, r => r.Key.StartsWith("Detail|", StringComparison.Ordinal) && r.Value.Any(v => v > 0));
        var actual = csv.Skip(1).ToDictionary(Key, r => r.Skip(3).ToArray());
        var missing = expected.Rows.Keys.Except(actual.Keys).ToList();
        var extra = actual.Keys.Except(expected.Rows.Keys).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{table}: rows truth implies but the CSV lacks: {string.Join("; ", missing)}\nCSV rows truth does not imply: {string.Join("; ", extra)}");
        var wrong = new List<string>();
        foreach (var (key, values) in expected.Rows)
            for (var c = 0; c < values.Length; c++)
                if (expected.NotAvailable.Contains(expected.Columns[c]))
                {
                    if (actual[key][c] != "NA") wrong.Add($"{key} / {expected.Columns[c]}: CSV {actual[key][c]}, but no delivery was generated for that year (NA)");
                }
                else if (values[c] is long v && actual[key][c] != v.ToString(CultureInfo.InvariantCulture))
                    wrong.Add($"{key} / {expected.Columns[c]}: CSV {actual[key][c]}, truth {v}");
        Assert.True(wrong.Count == 0, $"{table}: {string.Join("\n", wrong.Take(12))}");
    }

    [Fact]
    public void Every_table_of_every_report_is_checked_against_truth_or_named_as_not_determined_by_it()
    {
        // The reports share a folder (`pdw report all`), so each report's tables are the ones its HTML prints.
        string[] reports = ["yearbook", "annual", "monitor"];
        var tables = reports.SelectMany(r => TableIds(r).Select(id => (r, id))).ToList();
        var unaccounted = tables.Where(t => !ReportTruth.Checked.Contains(t) && !ReportTruth.NotDetermined.Contains(t.Item2)
            && !ReportTruth.CheckedByTheMonitoringTests.Contains(t.Item2)).ToList();
        Assert.True(unaccounted.Count == 0, "tables neither truth-checked nor listed as not determined: " + string.Join(", ", unaccounted));
        Assert.Contains(tables, t => t.r == "monitor");
        // Every table has its CSV, and every CSV in the folders is a table of one of the reports.
        var csvs = reports.SelectMany(r => Directory.GetFiles(Folder(r), "*.csv")).Select(p => Path.GetFileNameWithoutExtension(p)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(tables.Select(t => t.Item2).Distinct().Order(StringComparer.Ordinal), csvs);
    }

    [Fact]
    public void Pdw_report_all_writes_the_three_reports_and_the_annual_tables_the_annual_command_writes()
    {
        Assert.True(f.Report.ExitCode == 0, f.Report.Err);
        Assert.Contains(Path.Combine(f.Reports, "yearbook.pdf"), f.Report.Out, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(f.Reports, "annual.pdf"), f.Report.Out, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(f.Reports, "monitor.pdf"), f.Report.Out, StringComparison.Ordinal);
        Assert.Contains("3 reports in", f.Report.Out, StringComparison.Ordinal);
        var annualTables = TableIds("annual").ToList();
        Assert.NotEmpty(annualTables);
        foreach (var table in annualTables)
            Assert.True(File.ReadAllText(Path.Combine(f.Reports, table + ".csv")) == File.ReadAllText(Path.Combine(f.AnnualReports, table + ".csv")),
                $"{table}: `pdw report all` and `pdw report annual` wrote different CSVs");
    }

    [Fact]
    public void With_suppression_every_published_cell_equals_truth_and_every_small_count_is_withheld()
    {
        Assert.True(f.Suppressed.ExitCode == 0, f.Suppressed.Err);
        var withheld = 0;
        foreach (var (_, table) in ReportTruth.Checked.Where(t => t.Report == "yearbook"))
        {
            var expected = Truth.Expected(table);
            foreach (var row in Csv(f.SuppressedReports, table).Skip(1))
            {
                var values = expected.Rows[Key(row)];
                for (var c = 0; c < values.Length; c++)
                {
                    var cell = row[3 + c];
                    if (expected.NotAvailable.Contains(expected.Columns[c])) { Assert.Equal("NA", cell); continue; }
                    if (cell == "D") { withheld++; continue; }
                    Assert.True(values[c] is not (> 0 and < TruthFixture.SuppressedMinimumCell), $"{table} {Key(row)} / {expected.Columns[c]}: truth {values[c]} is below the minimum cell but published");
                    if (values[c] is long v) Assert.True(cell == v.ToString(CultureInfo.InvariantCulture), $"{table} {Key(row)} / {expected.Columns[c]}: published {cell}, truth {v}");
                }
            }
        }
        // At this scale many counts are small: a suppressed run with nothing withheld would not have tested suppression.
        Assert.True(withheld > 0, "no cell withheld at --min-cell 10");
    }

    [Theory]
    [InlineData("yearbook")]
    [InlineData("annual")]
    public void The_pdf_prints_every_truth_checked_row_under_its_own_table_title(string report)
    {
        var folder = Folder(report);
        var html = File.ReadAllText(Path.Combine(folder, report + ".html"));
        // Titles as the HTML gives them, by table id (the CSV's name): <div class="table-block" id="ID"><h3>Table n. Title</h3>.
        var titles = Regex.Matches(html, TableBlock + "\\s*<h3>(.*?)</h3>", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => Squash(System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)));
        using var pdf = PdfDocument.Open(Path.Combine(folder, report + ".pdf"));
        var pages = pdf.GetPages().Select(p => Squash(p.Text)).ToList();
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        // Each table's page from the outline, in printing order, so a table's rows are read from its title to the next title.
        var outline = Flatten(bookmarks!.Roots).Select(b => (Title: Squash(b.Title), Page: b.PageNumber)).Where(b => titles.ContainsValue(b.Title)).ToList();
        Assert.Equal(titles.Count, outline.Count);
        foreach (var (r, table) in ReportTruth.Checked.Where(t => t.Report == report))
        {
            var at = outline.FindIndex(o => o.Title == titles[table]);
            var lastPage = at + 1 < outline.Count ? outline[at + 1].Page : pages.Count;
            var body = string.Concat(pages.Skip(outline[at].Page - 1).Take(lastPage - outline[at].Page + 1));
            var position = body.IndexOf(titles[table], StringComparison.Ordinal);
            Assert.True(position >= 0, $"{table}: title not on page {outline[at].Page}");
            var end = at + 1 < outline.Count ? body.IndexOf(outline[at + 1].Title, position + 1, StringComparison.Ordinal) : body.Length;
            // The CSV equals truth (the theory above), so its rows in order are what the page must show.
            foreach (var row in Csv(folder, table).Skip(1))
            {
                var printed = Squash(row[0] + string.Concat(row.Skip(3).Select(Printed)));
                var found = body.IndexOf(printed, position, StringComparison.Ordinal);
                Assert.True(found >= 0 && found + printed.Length <= end, $"{report} {table}: row '{string.Join(" ", row)}' not printed as '{printed}' between its title and the next table's");
                position = found + printed.Length;
            }
        }
    }

    /// <summary>The tables a report prints, by id (the CSV's name), as its HTML gives them.</summary>
    private IEnumerable<string> TableIds(string report) =>
        Regex.Matches(File.ReadAllText(Path.Combine(Folder(report), report + ".html")), TableBlock).Select(m => m.Groups[1].Value);

    /// <summary>A table's block in the HTML, its id (the CSV's name) captured: &lt;div class="table-block" id="ID"&gt;.</summary>
    private const string TableBlock = "<div class=\"table-block[^\"]*\" id=\"([^\"]+)\">";

    /// <summary>How the Yearbook prints a CSV cell: zero as "-", thousands separated, D and NA as they are.</summary>
    private static string Printed(string csvCell) => csvCell switch
    {
        "0" => "-",
        "D" or "NA" or "" => csvCell,
        _ => long.Parse(csvCell, CultureInfo.InvariantCulture).ToString("#,##0", CultureInfo.InvariantCulture),
    };

    /// <summary>PdfPig does not keep Chromium's spaces reliably, so text is compared without whitespace.</summary>
    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static IEnumerable<DocumentBookmarkNode> Flatten(IEnumerable<BookmarkNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is DocumentBookmarkNode d) yield return d;
            foreach (var child in Flatten(node.Children)) yield return child;
        }
    }
}
