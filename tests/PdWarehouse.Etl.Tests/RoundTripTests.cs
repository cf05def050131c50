using System.Globalization;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

public sealed class RoundTripTests
{
    static string? AsText(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    [Fact]
    public void Every_generated_row_parses_back_to_the_values_generated()
    {
        using var temp = new TempFolder();
        var generator = Gen.Run(temp.Path, scale: 0.01, dirtyRate: 0);
        var checkedRows = 0L;
        foreach (var fy in new[] { 2012, 2013, 2014 })
            foreach (var feed in Generator.FeedsFor(fy))
            {
                var delivery = DeliveryReader.Open(Path.Combine(temp.Path, Generator.DeliveryName(feed, fy)));
                using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
                using var expected = generator.CleanValues(feed, fy).GetEnumerator();
                foreach (var row in reader.ReadRows())
                {
                    Assert.True(expected.MoveNext(), $"{delivery.DisplayName}: more rows read than generated");
                    Assert.True(row.IsValid, $"{delivery.DisplayName} line {row.LineNumber}: {string.Join("; ", row.Errors.Select(e => e.Message))}");
                    Assert.Equal(expected.Current, row.Values!.Select(AsText).ToArray());
                    checkedRows++;
                }
                Assert.False(expected.MoveNext(), $"{delivery.DisplayName}: fewer rows read than generated");
            }
        Assert.Equal(generator.RowsWritten, checkedRows);
    }
}
