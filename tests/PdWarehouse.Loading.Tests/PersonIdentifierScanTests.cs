using PdWarehouse.Etl.Engines;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>After a load, no name, A-number or FIN appears in clear in any text column of dw, rpt or staging.</summary>
[Collection(LoadingCollection.Name)]
public sealed class PersonIdentifierScanTests(LoadingFixture fixture)
{
    [Fact]
    public void No_person_identifier_in_clear_anywhere_in_dw_rpt_or_staging_after_a_load()
    {
        var db = fixture.NewWarehouse();
        var deliveries = Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;
        fixture.Load(db, Write(deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A087654321", fin: "5550001111", family: "Zyxwvutsrq", given: "Qponmlkj")]));
        fixture.Load(db, Write(deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D1", "2014-02-05", aNumber: "087654321", family: "Zyxwvutsrq", given: "Qponmlkj")]));
        string[] secrets = ["87654321", "5550001111", "Zyxwvutsrq", "ZYXWVUTSRQ", "Qponmlkj", "QPONMLKJ", "1985-02-03"];

        using var c = DuckDbConnectionFactory.OpenExisting(db);
        var columns = new List<(string Table, string Column)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT table_schema || '.' || table_name, column_name FROM information_schema.columns WHERE table_schema IN ('dw', 'rpt', 'stg') AND data_type IN ('VARCHAR', 'DATE')";
            using var r = cmd.ExecuteReader();
            while (r.Read()) columns.Add((r.GetString(0), r.GetString(1)));
        }
        Assert.NotEmpty(columns);
        foreach (var (table, column) in columns)
            foreach (var secret in secrets)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM {table} WHERE CAST({column} AS VARCHAR) LIKE '%{secret}%'";
                Assert.True(Convert.ToInt64(cmd.ExecuteScalar()) == 0, $"{secret} found in {table}.{column}");
            }
        // The scan looked at real rows: both records reached the reporting views.
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.EnforcementAction"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.DiscretionDecision"));
    }
}
