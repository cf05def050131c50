using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// DuckDB 1.5.6 could leave a committed batch's rows invisible to the next transaction on the same connection until
/// a checkpoint (FY2012–2014 at scale 0.3: the next batch numbered persons from a stale MAX and duplicated 63,753
/// PersonKeys). The loader checkpoints after every commit; these tests hold it to that, on one open connection, as
/// `pdw load` runs a list of deliveries.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class BatchVisibilityTests(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void Each_committed_batch_is_checkpointed_into_the_file_before_the_next_begins()
    {
        var db = fixture.NewWarehouse();
        using var w = WarehouseConnection.OpenDuckDb(db);
        var loader = new BatchLoader(w, fixture.Model, fixture.Key, fixture.Tests, new LoadOptions(), NoProgress.Instance, TimeProvider.System);

        var first = loader.Load(Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A012345678")]));

        Assert.Equal("SUCCEEDED", first.Status);
        Assert.Contains(first.Steps, s => s.Step == "checkpoint");
        // A checkpoint moves the write-ahead log into the database file and empties the log.
        var wal = new FileInfo(db + ".wal");
        Assert.True(!wal.Exists || wal.Length == 0, $"the WAL still holds {(wal.Exists ? wal.Length : 0)} bytes after the batch committed");
    }

    [Fact]
    public void Persons_a_batch_created_are_seen_by_the_next_batch_on_the_same_connection_and_keys_stay_unique()
    {
        var db = fixture.NewWarehouse();
        using (var w = WarehouseConnection.OpenDuckDb(db))
        {
            var loader = new BatchLoader(w, fixture.Model, fixture.Key, fixture.Tests, new LoadOptions(), NoProgress.Instance, TimeProvider.System);
            loader.Load(Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1", given: "Ana"), Removal("R2", "2014-01-06", aNumber: "A2", given: "Luis")]));
            Assert.Equal(2, w.ExecuteScalar<long>("SELECT MAX(PersonKey) FROM dw.DimPerson"));
            loader.Load(Write(Deliveries, "ice-removals-returns", [Removal("R3", "2014-02-05", aNumber: "A3", given: "Rosa")]));
        }

        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonKey) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT MAX(PersonKey) FROM dw.DimPerson"));
    }
}
