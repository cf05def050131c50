using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// The Yearbook's nationality layout (issue 23, items 4-5): the total, every region, then every country of the reference
/// list alphabetically with a zero printed "-", then "Other" (codes no list holds) and "Unknown". The list is read here
/// from warehouse/reference/dw.DimCountry.csv as shipped, not from the code under test.
/// </summary>
public sealed class WhenANationalityTableListsEveryCountry
{
    private static readonly string[] Regions = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America", "Unknown"];

    private static readonly List<CountryMember> Shipped = File.ReadLines(Path.Combine(WarehouseSources.Locate().ReferenceDirectory, "dw.DimCountry.csv")).Skip(1)
        .Select(l => CsvTable.Parse(l + "\r\n")[0])
        .Select(c => new CountryMember { CountryCode = c[1], CountryName = c[3], Region = c[4], IsInReferenceList = c[6] == "1" }).ToList();

    private static ReportTable Build(IEnumerable<CellFact> facts, out IReadOnlyList<string> unlisted) => TableBuilder.Build(new TableSpec
    {
        Id = "apprehensions-by-region-and-country", Number = "Table 34", Title = "t", StubHeader = "Region and country of nationality", Source = "s",
        Columns = [new("2013", "2013", SumsAcross: false), new("2014", "2014", SumsAcross: false)],
        Grouped = true, GroupsFirst = true, RowOrder = Regions,
        Countries = [.. Shipped, new CountryMember { CountryCode = "QZ", CountryName = "QZ", Region = "Unknown", IsInReferenceList = false }],
    }, facts, out unlisted);

    private static CellFact Cell(string code, string name, string region, string year, long value) =>
        new() { Code = code, Label = name, Grp = region, Col = year, Value = value };

    private static readonly CellFact[] Facts =
    [
        Cell("MX", "Mexico", "North America", "2014", 40), Cell("MX", "Mexico", "North America", "2013", 35),
        Cell("GT", "Guatemala", "North America", "2014", 12), Cell("SU", "Soviet Union, former", "Europe", "2014", 4),
        Cell("QZ", "QZ", "Unknown", "2014", 1), Cell("QZ", "QZ", "Unknown", "2013", 5), Cell("ZZ", "Unknown", "Unknown", "2014", 6),
    ];

    [Fact]
    public void Rows_run_total_regions_every_listed_country_alphabetically_then_other_and_unknown()
    {
        var table = Build(Facts, out var unlisted);

        var listed = Shipped.Where(c => c.CountryCode != "ZZ").Select(c => c.CountryName).Order(StringComparer.Ordinal).ToList();
        string[] expected = ["Total", .. Regions, .. listed, "Other", "Unknown"];
        Assert.Equal(expected, table.Rows.Select(r => r.Label));
        Assert.Equal(["QZ"], unlisted);
        Assert.True(listed.Count > 240, $"only {listed.Count} countries in the reference list");
    }

    [Fact]
    public void A_country_with_none_is_a_counted_zero_printed_as_a_dash_and_the_regions_still_add_up()
    {
        var table = Build(Facts, out _);
        long?[] Values(string label) => table.Rows.Single(r => r.Label == label && r.Kind == RowKind.Detail).Values;

        Assert.Equal([0L, 0L], Values("Afghanistan"));
        Assert.Equal("-", YearbookFormat.Count(Values("Zimbabwe")[1], false));
        Assert.Equal([0L, 4L], Values("Soviet Union, former"));   // withdrawn codes print as their own line, as the Yearbook prints them
        Assert.Equal([5L, 1L], Values("Other"));
        Assert.Equal([0L, 6L], Values("Unknown"));
        Assert.Equal([5L, 7L], table.Rows.Single(r => r.Kind == RowKind.Subtotal && r.Label == "Unknown").Values);
        Assert.Equal([0L, 0L], table.Rows.Single(r => r.Kind == RowKind.Subtotal && r.Label == "Oceania").Values);
        Assert.Equal([40L, 63L], table.Rows.Single(r => r.Kind == RowKind.Total).Values);
        foreach (var relation in table.Relations())
            Assert.Equal(table.Value(relation.Total), relation.Parts.Sum(p => table.Value(p)));
    }

    [Fact]
    public void Other_and_unknown_print_even_in_a_year_without_them()
    {
        var table = Build(Facts.Where(f => f.Code is "MX" or "GT"), out var unlisted);
        Assert.Equal(["Other", "Unknown"], table.Rows.TakeLast(2).Select(r => r.Label));
        Assert.All(table.Rows.TakeLast(2), r => Assert.Equal([0L, 0L], r.Values));
        Assert.Empty(unlisted);
    }

    [Fact]
    public void The_zero_rows_leave_suppression_and_its_audit_intact()
    {
        var table = Build(Facts, out _);
        Disclosure.Apply(table, 3);

        var other = table.Rows.Single(r => r.Label == "Other" && r.Kind == RowKind.Detail);
        Assert.True(other.Withheld[1], "Other's 1 in 2014 is below the minimum cell");
        Assert.DoesNotContain(table.Rows.Where(r => r.Values.All(v => v == 0)), r => r.Withheld.Any(w => w));
        Assert.All(new DisclosureAudit(table).AllRanges().Values, range => Assert.True(range.Spans(3), $"a withheld cell narrowed to {range}"));
        Assert.NotNull(table.Audit);
    }

    [Fact]
    public void A_query_that_returns_no_code_is_refused_with_the_table_named()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build([new CellFact { Label = "Mexico", Grp = "North America", Col = "2014", Value = 3 }], out _));
        Assert.Contains("apprehensions-by-region-and-country", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AS Code", ex.Message, StringComparison.Ordinal);
    }
}
