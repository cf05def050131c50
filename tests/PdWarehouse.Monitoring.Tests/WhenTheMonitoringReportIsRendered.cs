using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// `pdw report monitor` over the generated FY2014-FY2015 warehouse (the 2014-11-20 memo's stated effect), its scorecard
/// checked against truth.json's monthly counts, not against the code's own figures.
/// </summary>
public sealed class WhenTheMonitoringReportIsRendered(GeneratedWarehouse fixture) : IClassFixture<GeneratedWarehouse>
{
    private string Render(string name, string goalsYaml, params string[] extra)
    {
        var goals = Path.Combine(fixture.Folder, name + ".yaml");
        File.WriteAllText(goals, goalsYaml);
        var outDir = Path.Combine(fixture.Folder, name);
        var run = Pdw.Run(["report", "monitor", "--from", "2013-10", "--to", "2015-09", "--db", fixture.Db, "--goals", goals, "--out", outDir, .. extra]);
        Assert.True(run.ExitCode == 0, $"pdw exited {run.ExitCode}: {run.Err}{run.Out}");
        return outDir;
    }

    /// <summary>The CSV's rows by their label, each a list of its cells after label, group and row type.</summary>
    private static Dictionary<string, List<string>> Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(Split).ToDictionary(c => c[0], c => c.Skip(3).ToList());

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted) { if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; } else if (ch == '"') quoted = false; else cell.Append(ch); }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private (long Numerator, long Denominator) TruthOfSeptember2015(string indicator)
    {
        var monitoring = fixture.Truth.RootElement.GetProperty("monitoring");
        if (indicator == "ero-arrests-priority-1")
        {
            var rows = monitoring.GetProperty("iceArrestsByMonth").EnumerateArray()
                .Where(t => t.GetProperty("program").GetString() == "ICE-ERO" && t.GetProperty("month").GetString() == "2015-09").ToList();
            return (rows.Where(t => t.GetProperty("priorityLevel").GetString() == "1").Sum(t => t.GetProperty("arrests").GetInt64()), rows.Sum(t => t.GetProperty("arrests").GetInt64()));
        }
        var decisions = monitoring.GetProperty("pdDecisionsByMonth").EnumerateArray().Where(t => t.GetProperty("month").GetString() == "2015-09").ToList();
        return (decisions.Where(t => t.GetProperty("basisRecorded").GetString() == "yes").Sum(t => t.GetProperty("decisions").GetInt64()), decisions.Sum(t => t.GetProperty("decisions").GetInt64()));
    }

    private static bool Small(long n) => n is > 0 and < 10;

    [Fact]
    public void The_scorecard_judges_each_indicator_by_the_truths_counts_and_every_output_carries_the_same_cells()
    {
        var dir = Render("report", GeneratedWarehouse.GoalsYaml);
        var scorecard = Csv(Path.Combine(dir, "monitoring-scorecard.csv"));
        foreach (var (id, target) in new[] { ("ero-arrests-priority-1", 0.60), ("pd-basis-recorded", 0.95) })
        {
            var (k, n) = TruthOfSeptember2015(id);
            var row = scorecard[id]; // Status, Month, Value, 95% interval, Numerator, Denominator, Target
            Assert.Equal((double)k / n >= target ? "Met" : "Missed", row[0].Split(',')[0]);
            Assert.Equal("2015-09", row[1]);
            var withheld = Small(k) || Small(n) || Small(n - k);
            Assert.Equal(withheld ? "D" : ((double)k / n).ToString("0.000", CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(Small(k) || Small(n - k) ? "D" : k.ToString(CultureInfo.InvariantCulture), row[4]);
            Assert.Equal(Small(n) ? "D" : n.ToString(CultureInfo.InvariantCulture), row[5]);
        }
        // The memo's stated after-share for ERO arrests is 0.70: the figure printed is an estimate of it.
        Assert.InRange(double.Parse(scorecard["ero-arrests-priority-1"][2], CultureInfo.InvariantCulture), 0.55, 0.85);

        // The Excel sheet of the scorecard holds the CSV's cells: figures and counts as numbers, marks and words as text.
        using (var book = SpreadsheetDocument.Open(Path.Combine(dir, "monitor.xlsx"), false))
        {
            var part = book.WorkbookPart!;
            var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
            var found = false;
            foreach (var sheet in sheets)
            {
                var rows = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
                if (!CellText(rows[0].Elements<Cell>().FirstOrDefault()).Contains("Scorecard", StringComparison.Ordinal)) continue;
                found = true;
                foreach (var (label, cells) in scorecard)
                {
                    var row = rows.Single(r => CellText(r.Elements<Cell>().FirstOrDefault()) == label).Elements<Cell>().Skip(1).Select(CellText).ToList();
                    Assert.Equal(cells.Count, row.Count);
                    for (var c = 0; c < cells.Count; c++)
                        if (double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                            Assert.Equal(v, double.Parse(row[c], CultureInfo.InvariantCulture), 9);
                        else Assert.Equal(cells[c], row[c]);
                }
            }
            Assert.True(found, "no scorecard sheet in monitor.xlsx");
        }

        // The PDF is tagged, as the other two reports are (WhenThePdfIsRead), and prints the scorecard's figures.
        using var pdf = PdfDocument.Open(Path.Combine(dir, "monitor.pdf"));
        var catalog = pdf.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.ContainsKey(NameToken.StructTreeRoot), "no StructTreeRoot");
        Assert.True(catalog.TryGet(NameToken.MarkInfo, pdf.Structure.TokenScanner, out DictionaryToken? markInfo), "no MarkInfo");
        Assert.True(markInfo!.TryGet(NameToken.Marked, out BooleanToken marked) && marked.Data, "MarkInfo does not say Marked");
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains(scorecard["ero-arrests-priority-1"][2], text, StringComparison.Ordinal);
        Assert.Contains("2014-11-20: DHS-2014-11-20-", text, StringComparison.Ordinal);
    }

    private static string CellText(Cell? cell) => cell is null ? "" : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    [Fact]
    public void A_goals_file_whose_target_the_data_misses_shows_missed()
    {
        var dir = Render("missed", GeneratedWarehouse.GoalsYaml.Replace("target: 0.60", "target: 0.90", StringComparison.Ordinal));
        var (k, n) = TruthOfSeptember2015("ero-arrests-priority-1");
        Assert.True((double)k / n < 0.90);
        Assert.Equal("Missed", Csv(Path.Combine(dir, "monitoring-scorecard.csv"))["ero-arrests-priority-1"][0]);
    }

    [Fact]
    public void Counts_below_the_threshold_are_withheld_with_every_figure_computed_from_them()
    {
        // At a threshold above every count, every count and every figure from them is withheld, and no office is ranked.
        var dir = Render("withheld", GeneratedWarehouse.GoalsYaml, "--min-cell", "100000");
        foreach (var (id, row) in Csv(Path.Combine(dir, "monitoring-scorecard.csv")))
            Assert.Equal(("D", "D", "D", "D"), (row[2], row[3], row[4], row[5]));
        Assert.Empty(Csv(Path.Combine(dir, "monitoring-offices.csv")));
        // At the report's own threshold, an office is ranked only when its counts would be published (a target of 0.90
        // leaves offices to rank: the stated share is 0.70).
        var ranked = Csv(Path.Combine(Render("offices", GeneratedWarehouse.GoalsYaml.Replace("target: 0.60", "target: 0.90", StringComparison.Ordinal)), "monitoring-offices.csv"));
        Assert.NotEmpty(ranked);
        foreach (var (office, row) in ranked)
        {
            long k = long.Parse(row[4], CultureInfo.InvariantCulture), n = long.Parse(row[5], CultureInfo.InvariantCulture);
            Assert.False(Small(k) || Small(n) || Small(n - k), $"{office}: {k} of {n} ranked");
        }
    }
}
