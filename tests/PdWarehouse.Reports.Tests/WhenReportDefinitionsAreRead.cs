using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Definitions;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// The reports' contents are definitions OIS staff edit (reports/definitions): a report file lists its sections and
/// tables, one table a file holds its layout and disclosure rule beside its SQL. These tests edit copies of the shipped
/// definitions as a member of staff would and check that the report follows, and that a mistake is named by file, line
/// and field before any query runs.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenReportDefinitionsAreRead(RenderedReports reports) : IDisposable
{
    private readonly string _copy = CopyShipped();

    private static string CopyShipped()
    {
        var copy = Directory.CreateTempSubdirectory("pdw-definitions-").FullName;
        var shipped = ReportDefinitions.LocateDirectory();
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private string PathOf(string relative) => Path.Combine(_copy, relative);

    private void Edit(string relative, string from, string to)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(PathOf(relative), text.Replace(from, to, StringComparison.Ordinal));
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(file).Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    private ReportDocument Build(ReportKind kind)
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        using var data = new ReportData(db, FixtureWarehouse.FiscalYear) { Definitions = ReportDefinitions.Load(_copy) };
        return Documents.Build(kind, data, FixtureWarehouse.MinimumCell, new DateOnly(2014, 12, 1));
    }

    [Fact]
    public void The_shipped_definitions_are_valid_and_every_table_is_printed_somewhere()
    {
        var definitions = ReportDefinitions.Load(ReportDefinitions.LocateDirectory());
        Assert.Equal(["annual", "monitor", "yearbook"], definitions.Reports.Keys.Order(StringComparer.Ordinal));
        var used = definitions.Reports.Values.SelectMany(r => r.PrintedTables.Select(t => t.TableId)).ToHashSet();
        var unused = definitions.Tables.Keys.Where(id => !used.Contains(id)).ToList();
        Assert.True(unused.Count == 0, $"tables no report prints: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Moving_and_numbering_a_table_in_the_report_file_moves_and_numbers_it_in_the_report()
    {
        // The removals-and-returns table moves to the front of the Yearbook, renumbered 38.
        Edit("yearbook.yaml", "      - table: removals-and-returns-by-fiscal-year\n        number: \"39\"\n", "");
        Edit("yearbook.yaml", "      - table: aliens-apprehended-by-fiscal-year\n",
            "      - table: removals-and-returns-by-fiscal-year\n        number: \"38\"\n      - table: aliens-apprehended-by-fiscal-year\n");
        var document = Build(ReportKind.Yearbook);
        Assert.Equal("removals-and-returns-by-fiscal-year", document.Tables[0].Id);
        Assert.Equal(["Table 38", "Table 33", "Table 34"], document.Tables.Take(3).Select(t => t.Number));
        Assert.StartsWith("Tables 38 to 41 follow", document.Sections[0].Blocks[0].Paragraphs![0], StringComparison.Ordinal);
        Assert.Equal(reports.Yearbook.Document.Tables.Select(t => t.Id).Order(), document.Tables.Select(t => t.Id).Order());
    }

    [Fact]
    public void Charts_and_key_findings_find_their_tables_by_id_wherever_they_are_printed()
    {
        // Appendix A moves before the chapters, and the trend chart to the removals chapter: every table is renumbered.
        Edit("annual.yaml", "      - chart: trends\n        tables:\n          apprehensions: apprehensions-by-region-and-country\n          removals-and-returns: removals-and-returns-by-fiscal-year\n", "");
        Edit("annual.yaml", "      - table: removals-and-returns-by-fiscal-year\n",
            "      - table: removals-and-returns-by-fiscal-year\n      - chart: trends\n        tables:\n          apprehensions: apprehensions-by-region-and-country\n          removals-and-returns: removals-and-returns-by-fiscal-year\n");
        var text = File.ReadAllText(PathOf("annual.yaml"));
        var appendix = text[text.IndexOf("  - id: data-quality", StringComparison.Ordinal)..];
        text = text.Replace(appendix, "", StringComparison.Ordinal);
        text = text.Replace("sections:\n", "sections:\n" + appendix, StringComparison.Ordinal);
        File.WriteAllText(PathOf("annual.yaml"), text);

        var document = Build(ReportKind.Annual);
        var shipped = reports.Annual.Document;
        Assert.Equal("dq-completeness-by-feed", document.Tables[0].Id);
        Assert.NotEqual(shipped.Tables.Select(t => t.Id), document.Tables.Select(t => t.Id));
        Assert.Equal(shipped.KeyFindings, document.KeyFindings);
        var charts = document.Sections.SelectMany(s => s.Blocks).Where(b => b.Chart is not null).Select(b => b.Chart!).ToList();
        var shippedCharts = shipped.Sections.SelectMany(s => s.Blocks).Where(b => b.Chart is not null).Select(b => b.Chart!).ToList();
        Assert.Equal(shippedCharts.Select(c => c.Svg.Value).Order(), charts.Select(c => c.Svg.Value).Order());
        Assert.Equal("Table 1", document.Tables.Single(t => t.Id == "dq-completeness-by-feed").Number);
    }

    [Fact]
    public void A_misspelt_field_or_value_is_named_by_file_line_and_field()
    {
        var file = PathOf("tables/pd-decisions-by-basis.yaml");
        Edit("tables/pd-decisions-by-basis.yaml", "disclosure: decisions-about-persons", "disclosure: decisions-about-people");
        Edit("tables/pd-decisions-by-basis.yaml", "stub:", "stubb:");
        var ex = Assert.Throws<ReportDefinitionException>(() => ReportDefinitions.Load(_copy));
        Assert.Contains($"{file}:{LineOf(file, "disclosure:")}:13: disclosure: \"decisions-about-people\" is not one of: enforcement-events, decisions-about-persons, data-quality", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:{LineOf(file, "stubb:")}:1: stubb: unknown field", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:{LineOf(file, "title:")}:1: stub: is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_naming_a_table_that_does_not_exist_or_printing_one_twice_is_refused()
    {
        var file = PathOf("yearbook.yaml");
        Edit("yearbook.yaml", "      - table: inadmissibles-by-field-office\n", "      - table: inadmissibles-by-field-ofice\n      - table: apprehensions-by-program\n");
        var ex = Assert.Throws<ReportDefinitionException>(() => ReportDefinitions.Load(_copy));
        Assert.Contains($"{file}:{LineOf(file, "inadmissibles-by-field-ofice")}:16: sections[0].blocks[6].table: no table \"inadmissibles-by-field-ofice\" (expected tables/inadmissibles-by-field-ofice.yaml)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sections[0].blocks[7].table: table \"apprehensions-by-program\" is printed twice in this report", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_with_an_unknown_parameter_or_reading_past_the_rpt_views_is_refused_with_its_line()
    {
        var sql = PathOf("tables/apprehensions-by-program.sql");
        Edit("tables/apprehensions-by-program.sql", "FROM rpt.EnforcementActionCount", "FROM dw.FactEnforcementAction");
        Edit("tables/apprehensions-by-program.sql", "@first", "@firts");
        var ex = Assert.Throws<ReportDefinitionException>(() => ReportDefinitions.Load(_copy));
        Assert.Contains($"{sql}:2:6: reads dw.FactEnforcementAction; report queries read only rpt views", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{sql}:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown parameter @firts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_or_chart_the_code_does_not_know_is_refused()
    {
        Edit("tables/apprehensions-by-program.yaml", "fiscal years {first} to {fy}", "fiscal years {frist} to {fy}");
        Edit("annual.yaml", "chart: decisions-by-quarter", "chart: decisions-by-month");
        var ex = Assert.Throws<ReportDefinitionException>(() => ReportDefinitions.Load(_copy));
        Assert.Contains("apprehensions-by-program.yaml:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("title: unknown placeholder {frist}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("chart: no chart \"decisions-by-month\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_its_feeds_were_not_loaded_for_prints_NA_and_the_title_names_the_years_covered()
    {
        // Removals and returns counted from detention book-ins, loaded for FY2013 and FY2014 only; apprehensions by
        // country from the Field Operations feed, likewise; the fixture's facts are unchanged.
        Edit("tables/removals-and-returns-by-fiscal-year.yaml", "feeds: [ice-removals-returns]", "feeds: [ice-ero-detention-bookins]");
        // Without its published series, so that the year before the first delivery has neither source (with it, FY2012
        // would print the 2014 Yearbook's figures: A_published_series_fills_...).
        Edit("tables/removals-and-returns-by-fiscal-year.yaml", "published:\n  note: \"DHS Office of Immigration Statistics, Yearbook of Immigration Statistics, Table 39\"\n", "");
        File.Delete(PathOf("tables/removals-and-returns-by-fiscal-year.published.sql"));
        Edit("tables/apprehensions-by-region-and-country.yaml", "feeds: [cbp-usbp-apprehensions, ice-arrests]", "feeds: [cbp-ofo-inadmissibles]");
        var tables = Build(ReportKind.Yearbook).Tables.ToDictionary(t => t.Id);

        var byYear = tables["removals-and-returns-by-fiscal-year"];
        Assert.Equal(["2012", "2013", "2014"], byYear.Rows.Select(r => r.Label));
        Assert.Equal([null, null], byYear.Rows[0].Values);
        Assert.Equal(["NA", "NA"], TableView.From(byYear).Rows[0].Cells);
        Assert.Equal("Aliens removed or returned: fiscal years 2013 to 2014", byYear.Title);
        Assert.Contains(byYear.Notes, n => n.StartsWith("NA Not available: no delivery of ice-ero-detention-bookins", StringComparison.Ordinal));

        var byCountry = tables["apprehensions-by-region-and-country"];
        Assert.Equal(["2013", "2014"], byCountry.Columns.Select(c => c.Header));
        Assert.EndsWith(": fiscal years 2013 to 2014", byCountry.Title, StringComparison.Ordinal);
        Assert.False(byCountry.HasNotAvailable);
    }

    [Fact]
    public void A_row_counting_a_feed_not_loaded_is_NA_and_so_is_the_total_over_it()
    {
        // ICE arrests counted as if from the Field Operations feed, which has no FY2012 delivery in the fixture.
        Edit("tables/apprehensions-by-program.yaml", "feeds: [cbp-usbp-apprehensions, ice-arrests]", "feeds: [cbp-usbp-apprehensions, cbp-ofo-inadmissibles]");
        Edit("tables/apprehensions-by-program.yaml", "\"ICE Enforcement and Removal Operations\": [ice-arrests]", "\"ICE Enforcement and Removal Operations\": [cbp-ofo-inadmissibles]");
        Edit("tables/apprehensions-by-program.yaml", "\"ICE Homeland Security Investigations\": [ice-arrests]", "\"ICE Homeland Security Investigations\": [cbp-ofo-inadmissibles]");
        var table = Build(ReportKind.Yearbook).Tables.Single(t => t.Id == "apprehensions-by-program");
        var view = TableView.From(table);
        string Cell(string row, string year) => view.Rows.Single(r => r.Label == row).Cells[table.ColumnIndex(year)];
        Assert.Equal("NA", Cell("Total", "2012"));
        Assert.Equal("NA", Cell("ICE Enforcement and Removal Operations", "2012"));
        Assert.Equal("5", Cell("CBP Border Patrol", "2012"));
        Assert.Equal("29", Cell("CBP Border Patrol", "2014"));
    }

    [Fact]
    public void Years_are_named_as_they_run_with_their_gaps()
    {
        Assert.Equal("fiscal year 2014", ReportData.YearsLabel([2014]));
        Assert.Equal("fiscal years 2013 to 2014", ReportData.YearsLabel([2013, 2014]));
        Assert.Equal("fiscal years 2004, 2006 and 2010 to 2013", ReportData.YearsLabel([2004, 2006, 2010, 2011, 2012, 2013]));
    }

    [Fact]
    public void A_published_series_fills_only_the_years_the_feeds_were_not_loaded_for_and_says_so()
    {
        // A query beside the table returns published figures in the table's own cell shape. Here it reads constants in
        // place of rpt.PublishedFigure (FY2011 as the 2014 Yearbook's Table 39 prints it, and a FY2012 figure the loaded
        // records must override), one row of rpt.LoadCompleteness each, and gives no citation: the definition's note is cited.
        Edit("tables/removals-and-returns-by-fiscal-year.yaml", "note: \"DHS Office of Immigration Statistics, Yearbook of Immigration Statistics, Table 39\"", "note: \"Yearbook of Immigration Statistics 2014, Table 39\"");
        File.WriteAllText(PathOf("tables/removals-and-returns-by-fiscal-year.published.sql"), """
            SELECT '2011' AS Label, 'REMOVAL' AS Col, CAST(387134 AS BIGINT) AS Value FROM rpt.LoadCompleteness WHERE LineageKey = 1
            UNION ALL SELECT '2011', 'RETURN', CAST(322124 AS BIGINT) FROM rpt.LoadCompleteness WHERE LineageKey = 1
            UNION ALL SELECT '2012', 'REMOVAL', CAST(999999 AS BIGINT) FROM rpt.LoadCompleteness WHERE LineageKey = 1
            """);
        var table = Build(ReportKind.Yearbook).Tables.Single(t => t.Id == "removals-and-returns-by-fiscal-year");
        Assert.Equal(["2011", "2012", "2013", "2014"], table.Rows.Select(r => r.Label));
        Assert.Equal([387134L, 322124L], table.Rows[0].Values);
        Assert.Equal([4L, 0L], table.Rows[1].Values);
        Assert.Equal("Aliens removed or returned: fiscal years 2011 to 2014", table.Title);
        Assert.Contains("Fiscal year 2011: published figures, Yearbook of Immigration Statistics 2014, Table 39. "
            + "Fiscal years 2012 to 2014: counted from the records loaded, which take the place of any figure published for a year they cover.", table.Notes);

        File.Delete(PathOf("tables/removals-and-returns-by-fiscal-year.published.sql"));
        var ex = Assert.Throws<ReportDefinitionException>(() => ReportDefinitions.Load(_copy));
        Assert.Contains("removals-and-returns-by-fiscal-year.published.sql:1:1: the published series' query is missing", ex.Message, StringComparison.Ordinal);
    }
}
