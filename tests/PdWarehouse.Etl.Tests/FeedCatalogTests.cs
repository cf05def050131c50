using System.Text.RegularExpressions;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>The feed catalog is the staging schema and the reference data, not a second copy that can drift.</summary>
public sealed partial class FeedCatalogTests
{
    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PdWarehouse.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PdWarehouse.sln not found above the test assembly");
    }

    [GeneratedRegex(@"^\s*(\w+)\s+(N?VARCHAR|CHAR|DATE|TINYINT|INT|BIGINT)(?:\((\d+)\))?", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnLine();

    static List<(string Name, string Type, int Length)> StagingColumns(string table)
    {
        var file = Path.Combine(RepoRoot(), "warehouse", "sql", "stg", "Tables", table["stg.".Length..] + ".sql");
        return File.ReadLines(file).Select(l => ColumnLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.ToUpperInvariant(), m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 0))
            .ToList();
    }

    static List<string[]> Reference(string file) =>
        File.ReadLines(Path.Combine(RepoRoot(), "warehouse", "reference", file)).Skip(1)
            .Select(l => l.Split(',')).ToList();

    [Fact]
    public void Feed_columns_are_the_staging_columns_in_order_with_their_types_and_lengths()
    {
        Assert.Equal(12, FeedCatalog.All.Count);
        foreach (var feed in FeedCatalog.All)
        {
            var staging = StagingColumns(feed.StagingTable);
            Assert.Equal(["LineageKey", "SourceRowNumber"], staging.TakeLast(2).Select(c => c.Name));
            var columns = staging.SkipLast(2).ToList();
            Assert.Equal(columns.Select(c => c.Name), feed.Columns.Select(c => c.Name));
            foreach (var (column, (_, type, length)) in feed.Columns.Zip(columns))
            {
                switch (column.Type)
                {
                    case FeedType.Date: Assert.Equal("DATE", type); break;
                    case FeedType.Integer:
                        Assert.Contains(type, new[] { "TINYINT", "INT", "BIGINT" });
                        // Issue 24: the catalog's range is what the reader accepts, so it must fit the staging type (and the
                        // reader's int) or a narrowing conversion could fail; a code list must lie inside the range.
                        var (min, max) = type switch { "TINYINT" => (0L, 255L), "INT" => (int.MinValue, (long)int.MaxValue), _ => (long.MinValue, long.MaxValue) };
                        Assert.True(column.Minimum <= column.Maximum, column.Name);
                        Assert.InRange(column.Minimum, Math.Max(min, int.MinValue), Math.Min(max, int.MaxValue));
                        Assert.InRange(column.Maximum, Math.Max(min, int.MinValue), Math.Min(max, int.MaxValue));
                        foreach (var code in column.AllowedValues ?? [])
                            Assert.InRange(long.Parse(code, System.Globalization.CultureInfo.InvariantCulture), column.Minimum, column.Maximum);
                        break;
                    default:
                        Assert.Contains(type, new[] { "VARCHAR", "NVARCHAR", "CHAR" });
                        Assert.Equal(length, column.MaxLength);
                        break;
                }
            }
            Assert.True(feed.IndexOf(feed.RecordIdColumn) >= 0);
            if (feed.EventDateColumn is not null) Assert.Equal(FeedType.Date, feed.Columns[feed.IndexOf(feed.EventDateColumn)].Type);
        }
    }

    [Fact]
    public void Closed_code_lists_are_the_reference_codes()
    {
        var decisions = Reference("dw.DimDiscretionDecision.csv").Where(r => r[1] != "UNKNOWN").ToList();
        Assert.Equal(decisions.Select(r => r[1]).Distinct().Order(), FeedCatalog.ActionCodes.Order());
        Assert.Equal(decisions.Select(r => r[3]).Distinct().Order(), FeedCatalog.BasisCodes.Order());
        Assert.Equal(Reference("dw.DimPolicy.csv").Select(r => r[1]).Where(c => c != "UNKNOWN").Order(), FeedCatalog.PolicyCodes.Order());
        Assert.Equal(Reference("dw.DimEnforcementPriority.csv").Select(r => r[1]).Where(c => c != "UNKNOWN").Order(), FeedCatalog.PriorityCodes.Order());
        Assert.Equal(Reference("dw.DimProcessStage.csv").Select(r => r[1]).Where(c => c != "UNKNOWN").Order(), FeedCatalog.StageCodes.Order());
        Assert.Equal(Reference("dw.DimComponent.csv").Select(r => r[1]).Where(c => c != "UNKNOWN").Order(), FeedCatalog.ComponentCodes.Order());
        Assert.Equal(Reference("dw.DimEnforcementActionType.csv").Select(r => r[^1]).Where(c => c.Length > 0).Order(), FeedCatalog.DepartureTypes.Order());
        Assert.Equal(ReferenceLists.Countries.Select(c => c.Region).Append("Unknown").Distinct().Order(), FeedCatalog.Regions.Order());
    }

    [Fact]
    public void Every_office_and_country_the_generator_writes_clean_is_a_reference_member()
    {
        var offices = ReferenceLists.Offices.Select(o => o.OfficeCode).ToHashSet();
        foreach (var (aor, _) in Calibration.EroAors.Concat(Calibration.EroAorsFrom2014)) Assert.Contains("ERO-" + aor, offices);
        foreach (var (aor, _) in Calibration.EroAors) Assert.Contains("OPLA-" + aor, offices);
        foreach (var sector in Calibration.Sectors) Assert.Contains(sector, offices);
        foreach (var (office, _, _) in Calibration.OfoFieldOffices) Assert.Contains(office, offices);
        foreach (var (center, _, _) in Calibration.ServiceCenters) Assert.Contains(center, offices);
        foreach (var (code, _) in Calibration.BorderCountries.Concat(Calibration.PortCountries).Concat(Calibration.DacaCountries))
            Assert.True(ReferenceLists.IsKnownCountry(code), code);
        Assert.False(ReferenceLists.IsKnownCountry(Generator.UnknownCountryCode));
    }
}

public sealed class FeedDocumentationTests
{
    [Fact]
    public void Docs_feeds_md_documents_every_feed_and_column()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PdWarehouse.sln"))) dir = dir.Parent;
        var doc = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "feeds.md"));
        Assert.Contains("# Feed delivery format, version " + FeedCatalog.FormatVersion, doc);
        foreach (var feed in FeedCatalog.All)
        {
            var start = doc.IndexOf($"### `{feed.Name}`", StringComparison.Ordinal);
            Assert.True(start >= 0, feed.Name);
            var section = doc[start..];
            foreach (var column in feed.Columns) Assert.Contains($"| `{column.Name}` |", section);
            foreach (var column in feed.Columns.Where(c => c.Type == FeedType.Integer))
                Assert.Contains($"| `{column.Name}` | integer {column.Minimum}..{column.Maximum} |", section);
            Assert.Contains(string.Join(',', feed.Columns.Select(c => c.Name)), section);
        }
        foreach (var reason in ReasonCodes.All) Assert.Contains($"`{reason}`", doc);
    }

    [Fact]
    public void The_DACA_row_rules_read_the_columns_they_name()
    {
        // The rules index a row's values by position: these are the positions they use.
        var feed = FeedCatalog.Get("uscis-daca-requests");
        Assert.Equal([3, 4, 5, 6], new[] { "ReceiptDate", "AcceptedDate", "RequestStatus", "DecisionDate" }.Select(feed.IndexOf));
        var row = new object?[feed.Columns.Count];
        (row[3], row[4], row[5], row[6]) = (new DateOnly(2014, 1, 10), new DateOnly(2014, 1, 9), "APPROVED", null);
        Assert.Equal(["AcceptedDate", "DecisionDate"], feed.RowRules.Where(r => r.Broken(row)).Select(r => r.Field));
        (row[4], row[6]) = (new DateOnly(2014, 1, 10), new DateOnly(2014, 1, 9));
        Assert.Equal(["DecisionDate"], feed.RowRules.Where(r => r.Broken(row)).Select(r => r.Field));
        row[6] = new DateOnly(2014, 1, 10);
        Assert.DoesNotContain(feed.RowRules, r => r.Broken(row));
    }
}
