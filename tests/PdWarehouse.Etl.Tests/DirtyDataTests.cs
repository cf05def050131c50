using System.Text.Json;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

[Collection(nameof(SmallDeliveriesCollection))]
public sealed class DirtyDataTests(SmallDeliveries deliveries)
{
    [Fact]
    public void Rejects_by_feed_year_and_reason_equal_truth()
    {
        var read = new Dictionary<(string, int, string), long>();
        foreach (var (delivery, row) in Gen.ReadAll(deliveries.Folder))
            if (!row.IsValid)
            {
                Assert.Single(row.Errors); // the generator puts exactly one fault in each dirty row
                var key = (delivery.Feed.Name, delivery.Manifest.PeriodEnd.Year, row.Errors[0].ReasonCode);
                read[key] = read.GetValueOrDefault(key) + 1;
            }
        using var truth = Gen.Truth(deliveries.Folder);
        var expected = truth.RootElement.GetProperty("rejects").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("feed").GetString()!, r.GetProperty("fiscalYear").GetInt32(), r.GetProperty("reasonCode").GetString()!), r => r.GetProperty("rows").GetInt64());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), read.OrderBy(e => e.Key).ToList());
    }

    [Fact]
    public void Every_dirty_kind_occurs_and_its_count_matches_the_rejects_and_findings()
    {
        using var truth = Gen.Truth(deliveries.Folder);
        var dirty = truth.RootElement.GetProperty("dirtyRows").EnumerateArray()
            .Select(d => (Feed: d.GetProperty("feed").GetString()!, Kind: d.GetProperty("kind").GetString()!, Outcome: d.GetProperty("outcome").GetString()!, Rows: d.GetProperty("rows").GetInt64()))
            .ToList();
        foreach (var kind in Generator.DirtyKindNames.Values) Assert.Contains(dirty, d => d.Kind == kind && d.Rows > 0);
        var rejects = truth.RootElement.GetProperty("rejects").EnumerateArray().Sum(r => r.GetProperty("rows").GetInt64());
        Assert.Equal(rejects, dirty.Where(d => d.Outcome != "loaded").Sum(d => d.Rows));
    }

    [Fact]
    public void Rows_read_per_file_equal_the_manifest_and_truth()
    {
        using var truth = Gen.Truth(deliveries.Folder);
        var files = truth.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("delivery").GetString()!, f => (Read: f.GetProperty("rowsRead").GetInt64(), Rejected: f.GetProperty("rowsRejected").GetInt64()));
        foreach (var folder in Gen.Deliveries(deliveries.Folder))
        {
            var delivery = DeliveryReader.Open(folder);
            long read = 0, rejected = 0;
            using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
            foreach (var row in reader.ReadRows())
            {
                read++;
                if (!row.IsValid) rejected++;
            }
            Assert.Equal(delivery.Manifest.Files[0].Rows, read);
            Assert.Equal(files[delivery.DisplayName], (read, rejected));
        }
    }

    [Fact]
    public void Line_numbers_are_physical_lines_in_order()
    {
        foreach (var folder in Gen.Deliveries(deliveries.Folder).Take(12))
        {
            var delivery = DeliveryReader.Open(folder);
            using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
            long expected = 2;
            foreach (var row in reader.ReadRows()) Assert.Equal(expected++, row.LineNumber);
        }
    }

    [Fact]
    public void Zero_dirty_rate_gives_rows_without_errors()
    {
        using var temp = new TempFolder();
        var generator = Gen.Run(temp.Path, scale: 0.01, dirtyRate: 0);
        long rows = 0;
        foreach (var (_, row) in Gen.ReadAll(temp.Path))
        {
            Assert.True(row.IsValid, $"line {row.LineNumber}: {string.Join("; ", row.Errors.Select(e => e.Message))}");
            rows++;
        }
        Assert.Equal(generator.RowsWritten, rows);
        using var truth = Gen.Truth(temp.Path);
        Assert.Empty(truth.RootElement.GetProperty("rejects").EnumerateArray());
        Assert.Empty(truth.RootElement.GetProperty("dirtyRows").EnumerateArray());
    }
}
