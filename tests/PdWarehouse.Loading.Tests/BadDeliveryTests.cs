using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>Each bad delivery: a clear error naming what is wrong, and a warehouse exactly as it was.</summary>
[Collection(LoadingCollection.Name)]
public sealed class BadDeliveryTests(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private void AssertRefusedAndUnchanged<T>(string delivery, string expectedText) where T : Exception
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R0", "2014-01-01", aNumber: "A9")]));
        var before = WarehouseSnapshot.Take(db);

        var ex = Assert.Throws<T>(() => fixture.Load(db, delivery));

        Assert.Contains(expectedText, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', ex.Message);
        WarehouseSnapshot.AssertEqual(before, WarehouseSnapshot.Take(db));
    }

    private string Good() => Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-01-06", aNumber: "A2")]);

    [Fact]
    public void A_tampered_file_fails_its_checksum()
    {
        var d = Good();
        File.AppendAllText(Path.Combine(d, "data.csv"), "R3,ATL,2014-01-07,ER,CRIMINAL,1,A3,,X,Y,1990-01-01,M,MX\n");
        AssertRefusedAndUnchanged<DeliveryRefusedException>(d, "data.csv");
    }

    [Fact]
    public void A_wrong_format_version_is_refused()
    {
        var d = Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1")], formatVersion: "9.9");
        AssertRefusedAndUnchanged<DeliveryRefusedException>(d, "9.9");
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var d = Good();
        File.Delete(Path.Combine(d, "data.csv"));
        AssertRefusedAndUnchanged<DeliveryRefusedException>(d, "data.csv");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var d = Good();
        File.WriteAllText(Path.Combine(d, "data.csv"), "");
        AssertRefusedAndUnchanged<DeliveryRefusedException>(d, "data.csv");
    }

    [Fact]
    public void A_header_only_file_is_refused_when_the_manifest_promises_rows()
    {
        var d = Good();
        var header = File.ReadLines(Path.Combine(d, "data.csv")).First() + "\n";
        File.WriteAllText(Path.Combine(d, "data.csv"), header);
        AssertRefusedAndUnchanged<DeliveryRefusedException>(d, "data.csv");
    }

    [Fact]
    public void A_batch_over_the_reject_threshold_loads_nothing()
    {
        var d = Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-02-30", aNumber: "A2"), Removal("R3", "2014-02-31", aNumber: "A3")]);
        AssertRefusedAndUnchanged<RejectThresholdExceededException>(d, "2 of 3 rows rejected");
    }

    [Fact]
    public void A_load_without_a_pseudonymisation_key_is_refused_before_anything_is_opened()
    {
        var result = Cli.Pdw(new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = null, ["PDW_PSEUDONYM_KEY_FILE"] = null },
            "load", Good(), "--db", fixture.NewWarehouse());
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pdw: No pseudonymisation key", result.Err);
    }

    [Fact]
    public void A_weak_key_is_refused_with_one_line()
    {
        var result = Cli.Pdw(new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = "abcd" }, "load", Good(), "--db", fixture.NewWarehouse());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("too weak", result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
    }

    [Fact]
    public void A_batch_that_exceeds_DuckDBs_memory_limit_rolls_back_and_says_how_to_raise_it()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R0", "2014-01-01", aNumber: "A9")]));
        var before = WarehouseSnapshot.Take(db);
        var rows = Enumerable.Range(1, 2_000).Select(i => Removal($"M{i}", "2014-02-01", aNumber: $"A{100_000 + i}")).ToArray();

        var result = Cli.Pdw(new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = fixture.KeyText, ["PDW_DUCKDB_MEMORY_LIMIT"] = "2MB" },
            "load", Write(Deliveries, "ice-removals-returns", rows), "--db", db);

        // Issue 24: a delivery that fails while the command runs is exit status 3 (docs/operations.md), not 1.
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("DuckDB reached its memory limit (2MB)", result.Err, StringComparison.Ordinal);
        Assert.Contains("PDW_DUCKDB_MEMORY_LIMIT", result.Err, StringComparison.Ordinal);
        WarehouseSnapshot.AssertEqual(before, WarehouseSnapshot.Take(db));
    }
}
