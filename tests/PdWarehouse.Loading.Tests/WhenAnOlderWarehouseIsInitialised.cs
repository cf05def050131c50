using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A warehouse loaded by a release whose etl.Reject kept whole lines (A-numbers, FINs and names in clear in RawText,
/// birth dates in messages) keeps none of them after <c>pdw warehouse init</c>: not in the table, not in the file.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenAnOlderWarehouseIsInitialised(LoadingFixture fixture)
{
    private static readonly string[] Secrets = ["A019283746", "5550009876", "Qwzxkjvpre", "Plmoknijbu", "1931-07-19"];

    private static void Execute(string db, string sql)
    {
        using var c = DuckDbConnectionFactory.OpenExisting(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void Init_erases_the_lines_and_identifying_messages_old_rejects_kept_and_the_file_no_longer_holds_them()
    {
        var db = fixture.NewWarehouse();
        Execute(db, "ALTER TABLE etl.Reject DROP COLUMN ValueWithheld; ALTER TABLE etl.Reject DROP COLUMN SourceRecordId");
        var line = $"R1,ATL,2014-02-30,ER,CRIMINAL,1,{Secrets[0]},{Secrets[1]},{Secrets[2]},{Secrets[3]},{Secrets[4]},M,MX";
        var sb = new StringBuilder("INSERT INTO etl.Reject (RejectKey, LineageKey, FileName, LineNumber, FieldName, ReasonCode, Message, RawText) VALUES ");
        for (var i = 1; i <= 2_000; i++)
            sb.Append(i > 1 ? ", " : "").Append(i % 2 == 0
                ? $"({i}, 0, 'data.csv', {i + 1}, 'DepartureDate', 'INVALID-DATE', 'DepartureDate: DepartureDate ''2014-02-30'' is not a valid date (yyyy-MM-dd)', '{line}{i}')"
                : $"({i}, 0, 'data.csv', {i + 1}, 'BirthDate', 'INVALID-DATE', 'BirthDate: BirthDate ''{Secrets[4]}'' is not a valid date (yyyy-MM-dd)', '{line}{i}')");
        Execute(db, sb.ToString());
        Execute(db, "CHECKPOINT");
        Assert.Contains(Secrets, s => Contains(db, s));   // the old warehouse holds them, so the search below can see them
        var dimensions = WarehouseSnapshot.Take(db, t => t.StartsWith("dw.", StringComparison.Ordinal));

        var result = new DuckDbWarehouseInitializer(fixture.Model, ReferenceData.Load(fixture.Sources, fixture.Model)).Initialize(db);

        Assert.Equal(2_000, result.RowsScrubbed);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE RawText IS NOT NULL OR ValueWithheld IS NULL"));
        Assert.Equal(1_000, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM etl.Reject WHERE ValueWithheld AND Message = '{DataScrubs.WithheldMessage}'"));
        Assert.Equal(1_000, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE NOT ValueWithheld AND Message LIKE 'DepartureDate: %'"));
        Assert.All(Secrets, s => Assert.False(Contains(db, s), $"{s} still in the warehouse file"));
        // The rewritten file is the same warehouse, and loads.
        WarehouseSnapshot.AssertEqual(dimensions, WarehouseSnapshot.Take(db, t => t.StartsWith("dw.", StringComparison.Ordinal)));
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;
        Assert.Equal("SUCCEEDED", fixture.Load(db, DeliveryBuilder.Write(folder, "ice-removals-returns", [DeliveryBuilder.Removal("R1", "2014-01-05", aNumber: "A1")])).Status);
        // A second init finds nothing left to scrub.
        Assert.Equal(0, new DuckDbWarehouseInitializer(fixture.Model, ReferenceData.Load(fixture.Sources, fixture.Model)).Initialize(db).RowsScrubbed);
    }

    private static bool Contains(string db, string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        return new[] { db, db + ".wal" }.Where(File.Exists).Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
