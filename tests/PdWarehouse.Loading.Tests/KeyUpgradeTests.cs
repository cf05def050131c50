using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Issue 20: `pdw warehouse init` upgrades, in place, a warehouse whose keyed hashes are the previous release's 64-character
/// hex text, and loading goes on as if the warehouse had been loaded by this release from the start.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class KeyUpgradeTests(LoadingFixture fixture)
{
    private string Folder() => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>
    /// The previous release's form of a loaded warehouse, made from this release's load of the same deliveries: every hash
    /// column CHAR(64) holding the lower-case hex of HMAC-SHA256, whose first 128 bits are what this release stores (the
    /// other 128 bits, which the upgrade drops, are filled from the value so each stays distinct), and etl.PersonLabel with
    /// its text Label column. The work tables are empty after a committed batch, as that release left them.
    /// </summary>
    private static void AsPreviousRelease(string db)
    {
        const string Hex = "lpad(lower(to_hex({0})), 32, '0') || lpad(lower(to_hex(hash({0}))), 16, '0') || lpad(lower(to_hex(hash({0} + 1))), 16, '0')";
        using var c = DuckDbConnectionFactory.OpenExisting(db);
        void Exec(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        foreach (var (table, column) in new[] { ("dw.DimPerson", "PersonHash"), ("etl.PersonIdentifier", "IdentifierHash"), ("etl.PersonIdentifier", "PersonHash") })
            Exec($"ALTER TABLE {table} ALTER COLUMN {column} SET DATA TYPE VARCHAR USING {string.Format(System.Globalization.CultureInfo.InvariantCulture, Hex, column)}");
        Exec("DROP TABLE etl.PersonLabel");
        Exec("CREATE TABLE etl.PersonLabel (LineageKey INTEGER NOT NULL, IdentifierHash VARCHAR NOT NULL, Label VARCHAR NOT NULL, KnownPersonHash VARCHAR, SeedNumber INTEGER)");
        foreach (var (table, columns) in new[] { ("etl.StagedPerson", new[] { "ANumberHash", "FinHash", "NameKeyHash", "PersonHash" }), ("etl.PersonMerge", ["LoserHash", "WinnerHash"]),
                     ("etl.PersonAttribute", ["PersonHash"]), ("etl.PersonRekey", ["OldHash", "NewHash"]) })
            foreach (var column in columns) Exec($"ALTER TABLE {table} ALTER COLUMN {column} SET DATA TYPE VARCHAR");
    }

    [Fact]
    public void A_warehouse_of_hex_hashes_upgraded_by_init_and_loaded_further_equals_a_fresh_load_of_everything() =>
        UpgradedAndLoadedFurtherEqualsAFreshLoad(upgraded =>
        {
            AsPreviousRelease(upgraded);
            Assert.Equal("VARCHAR", WarehouseSnapshot.Text(upgraded, "SELECT data_type FROM information_schema.columns WHERE table_name = 'DimPerson' AND column_name = 'PersonHash'"));
        }, init => Assert.Contains("dw.DimPerson.PersonHash", init.KeysConverted));

    /// <summary>
    /// Issue 20 item 4: the release before batch-local integer ids had no etl.StagedPersonSeed and no PersonSeed in
    /// etl.StagedPerson or etl.PersonAttribute (work tables, empty between batches). Init adds them in place, and the
    /// persons, versions, merges and facts loaded afterwards are those of a fresh load of everything.
    /// </summary>
    [Fact]
    public void A_warehouse_from_before_batch_local_ids_upgraded_by_init_and_loaded_further_equals_a_fresh_load_of_everything() =>
        UpgradedAndLoadedFurtherEqualsAFreshLoad(upgraded =>
        {
            using var c = DuckDbConnectionFactory.OpenExisting(upgraded);
            foreach (var sql in new[] { "DROP TABLE etl.StagedPersonSeed", "ALTER TABLE etl.StagedPerson DROP COLUMN PersonSeed", "ALTER TABLE etl.PersonAttribute DROP COLUMN PersonSeed" })
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }
        }, _ => { });

    /// <summary>
    /// The upgrade scenario every earlier release's form shares: deliveries loaded, the warehouse put back into that
    /// release's form, init, more deliveries (persons met before come back by every identifier kind, one of them linking
    /// two earlier persons); then the persons (hashes, keys, versions), the identifiers and every fact equal, row for row,
    /// those of a fresh load of everything.
    /// </summary>
    private void UpgradedAndLoadedFurtherEqualsAFreshLoad(Action<string> asPreviousRelease, Action<InitializationResult> checkInit)
    {
        var before = new[]
        {
            Write(Folder(), "ice-removals-returns", [
                Removal("R1", "2014-01-05", aNumber: "A012345678", family: "Hernández", given: "José"),
                Removal("R2", "2014-01-06", fin: "1234567890", family: "Smith", given: "Ann"),
                Removal("R3", "2014-01-07", aNumber: "A5", family: "Lee", given: "Kim")]),
            Write(Folder(), "ice-arrests", [Arrest("E1", "2014-02-05", status: "NON-CRIMINAL", aNumber: "A7", family: "Nuevo", given: "Uno")]),
        };
        var after = new[]
        {
            Write(Folder(), "ice-ero-discretion-decisions", [
                EroDecision("D1", "2014-03-05", aNumber: "A5", fin: "1234567890"),
                EroDecision("D2", "2014-03-06", aNumber: "12345678", family: "", given: "")]),
            Write(Folder(), "ice-arrests", [
                Arrest("E2", "2014-04-05", status: "CRIMINAL", aNumber: "A7"),
                Arrest("E3", "2014-04-06", family: "HERNANDEZ", given: "jose")]),
        };

        var upgraded = fixture.NewWarehouse();
        foreach (var d in before) Assert.Equal("SUCCEEDED", fixture.Load(upgraded, d).Status);
        asPreviousRelease(upgraded);
        checkInit(new DuckDbWarehouseInitializer(fixture.Model, ReferenceData.Load(fixture.Sources, fixture.Model)).Initialize(upgraded));
        foreach (var d in after) Assert.Equal("SUCCEEDED", fixture.Load(upgraded, d).Status);

        var fresh = fixture.NewWarehouse();
        foreach (var d in before.Concat(after)) Assert.Equal("SUCCEEDED", fixture.Load(fresh, d).Status);

        static bool Compared(string table) => table.StartsWith("dw.", StringComparison.Ordinal) || table == "etl.PersonIdentifier";
        WarehouseSnapshot.AssertEqual(WarehouseSnapshot.Take(fresh, Compared), WarehouseSnapshot.Take(upgraded, Compared));
        Assert.True(WarehouseSnapshot.Count(fresh, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey <> 0 AND IsCurrent = 0") > 0, "no person gained a version");
    }
}
