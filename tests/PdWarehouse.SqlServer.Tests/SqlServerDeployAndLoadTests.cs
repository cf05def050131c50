using System.Globalization;
using System.Text.Json;
using Microsoft.Data.SqlClient;

namespace PdWarehouse.SqlServer.Tests;

/// <summary>
/// The DuckDB end-to-end checks, on SQL Server: deploy the dacpac, load a generated delivery set through BatchLoader
/// over SqlBulkCopy and the shared SQL, compare with truth.json, and prove redeploying and reloading change nothing.
/// Queries here are T-SQL (no USING, no GROUP BY ALL, bit compared with 1).
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerDeployAndLoadTests(SqlServerFixture f)
{
    private async Task<List<string>> Rows(string sql)
    {
        await using var connection = await f.Open();
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private JsonElement Truth => JsonDocument.Parse(File.ReadAllText(Path.Combine(f.Deliveries, "truth.json"))).RootElement;

    private List<string> TruthRows(string property, params string[] fields)
    {
        var rows = Truth.GetProperty(property).EnumerateArray().Select(e => string.Join("|", fields.Select(x => e.GetProperty(x).ToString()))).ToList();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static void SameRows(List<string> expected, List<string> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private Task<List<string>> Counts() => Rows("""
        SELECT 'decisions', COUNT(*) FROM dw.FactDiscretionDecision UNION ALL
        SELECT 'actions', COUNT(*) FROM dw.FactEnforcementAction UNION ALL
        SELECT 'daca', COUNT(*) FROM dw.FactDeferredActionRequest UNION ALL
        SELECT 'persons', COUNT(*) FROM dw.DimPerson UNION ALL
        SELECT 'offices', COUNT(*) FROM dw.DimOffice UNION ALL
        SELECT 'identifiers', COUNT(*) FROM etl.PersonIdentifier UNION ALL
        SELECT 'rejects', COUNT(*) FROM etl.Reject UNION ALL
        SELECT 'dates', COUNT(*) FROM dw.DimDate
        """);

    private Task<List<string>> ReferenceCounts() => Rows("""
        SELECT 'DimDate', COUNT(*) FROM dw.DimDate UNION ALL
        SELECT 'DimComponent', COUNT(*) FROM dw.DimComponent UNION ALL
        SELECT 'DimPolicy', COUNT(*) FROM dw.DimPolicy UNION ALL
        SELECT 'DimPerson', COUNT(*) FROM dw.DimPerson UNION ALL
        SELECT 'DimOffice', COUNT(*) FROM dw.DimOffice UNION ALL
        SELECT 'DimCountry', COUNT(*) FROM dw.DimCountry UNION ALL
        SELECT 'Lineage0', COUNT(*) FROM etl.Lineage WHERE LineageKey = 0
        """);

    [SqlServerFact]
    public async Task Redeploying_the_dacpac_and_rerunning_reference_data_change_nothing()
    {
        await f.Reset();
        var before = await ReferenceCounts();
        f.Deploy();
        await f.Reset();
        Assert.Equal(before, await ReferenceCounts());
        Assert.Contains("Lineage0|1", before);
    }

    [SqlServerFact]
    public async Task A_reset_empties_what_loads_write_and_keeps_reference_data()
    {
        await f.Reset();
        var fresh = await ReferenceCounts();
        var load = f.Pdw("load", f.Deliveries, "--connection", f.ConnectionString);
        Assert.True(load.ExitCode == 0, load.Err + load.Out);
        await f.Reset();
        Assert.Equal(fresh, await ReferenceCounts());
        Assert.Equal(["0"], await Rows("SELECT COUNT(*) FROM dw.FactDiscretionDecision"));
        Assert.Equal(["0"], await Rows("SELECT COUNT(*) FROM etl.Lineage WHERE LineageKey <> 0"));
    }

    [SqlServerFact]
    public async Task The_generated_delivery_set_loads_and_its_key_measures_equal_truth()
    {
        await f.Reset();
        var load = f.Pdw("load", f.Deliveries, "--connection", f.ConnectionString);
        Assert.True(load.ExitCode == 0, load.Err + load.Out);
        Assert.Contains("0 failed", load.Out);

        SameRows(TruthRows("decisions", "component", "actionCode", "basisCode", "fiscalYear", "records", "decisions"), await Rows("""
            SELECT c.ComponentCode, dd.ActionCode, dd.BasisCode, d.FiscalYear, COUNT(*), SUM(CASE WHEN x.IsRepeatAtLaterStage = 1 THEN 0 ELSE 1 END)
            FROM dw.FactDiscretionDecision AS x
            JOIN dw.DimComponent AS c ON c.ComponentKey = x.ComponentKey
            JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = x.DiscretionDecisionKey
            JOIN dw.DimDate AS d ON d.DateKey = x.DecisionDateKey
            GROUP BY c.ComponentCode, dd.ActionCode, dd.BasisCode, d.FiscalYear
            """));
        Assert.Equal([Truth.GetProperty("persons").GetProperty("distinct").GetInt64().ToString(CultureInfo.InvariantCulture)],
            await Rows("SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0"));
        SameRows(TruthRows("rejects", "feed", "reasonCode", "rows"), await Rows("""
            SELECT l.FeedName, r.ReasonCode, COUNT(*) FROM etl.Reject AS r JOIN etl.Lineage AS l ON l.LineageKey = r.LineageKey
            GROUP BY l.FeedName, r.ReasonCode
            """));
        SameRows(TruthRows("files", "delivery", "rowsRead", "rowsRejected", "rowsLoaded"), await Rows(
            "SELECT DeliveryName, RowsRead, RowsRejected, RowsStaged FROM etl.Lineage WHERE LineageKey > 0 AND RowsRead = RowsStaged + RowsRejected"));
        SameRows(TruthRows("controlTotals", "delivery", "measure", "value"), await Rows("""
            SELECT l.DeliveryName, t.MeasureName, t.ReportedValue FROM etl.ControlTotal AS t JOIN etl.Lineage AS l ON l.LineageKey = t.LineageKey
            WHERE t.LoadedValue IS NOT NULL
            """));
    }

    [SqlServerFact]
    public async Task Loading_the_same_delivery_again_through_BatchLoader_changes_nothing()
    {
        await f.Reset();
        var load = f.Pdw("load", f.Deliveries, "--connection", f.ConnectionString);
        Assert.True(load.ExitCode == 0, load.Err + load.Out);
        var before = await Counts();
        var decisions = Directory.GetDirectories(f.Deliveries).Where(d => Path.GetFileName(d).Contains("discretion", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        var again = f.LoadOne(decisions);
        Assert.Equal("SUCCEEDED", again.Status);
        Assert.True(again.RowsRead > 0);
        Assert.Equal((0L, 0L), (again.RowsInserted, again.RowsUpdated));
        Assert.Equal(before, await Counts());
    }
}

/// <summary>`pdw key rotate --connection`: the same re-keying as on DuckDB, through SqlBulkCopy and the shared UPDATE…FROM.</summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerKeyRotationTests(SqlServerFixture f)
{
    private async Task<HashSet<string>> Hashes()
    {
        await using var connection = await f.Open();
        await using var command = new SqlCommand(
            "SELECT PersonHash FROM dw.DimPerson WHERE PersonKey <> 0 UNION SELECT IdentifierHash FROM etl.PersonIdentifier UNION SELECT PersonHash FROM etl.PersonIdentifier",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) hashes.Add(reader.GetString(0));
        return hashes;
    }

    [SqlServerFact]
    public async Task Rotating_the_key_rehashes_every_stored_hash_and_a_reload_under_the_chain_adds_no_person()
    {
        await f.Reset();
        var load = f.Pdw("load", f.Deliveries, "--connection", f.ConnectionString);
        Assert.True(load.ExitCode == 0, load.Err + load.Out);
        var before = await Hashes();
        Assert.NotEmpty(before);
        var keyFile = Path.Combine(f.Root, $"key-{Guid.NewGuid():N}");
        File.WriteAllText(keyFile, f.KeyText);
        var chainFile = keyFile + ".chain";

        var rotate = f.Pdw("key", "rotate", "--connection", f.ConnectionString, "--key-file", keyFile, "--out", chainFile);
        Assert.True(rotate.ExitCode == 0, rotate.Err + rotate.Out);
        var after = await Hashes();
        Assert.Equal(before.Count, after.Count);
        Assert.Empty(after.Intersect(before));

        // Every delivery again under the chain: the records are already loaded, and their persons must still resolve.
        var reload = f.Pdw("load", f.Deliveries, "--connection", f.ConnectionString, "--key-file", chainFile, "--force");
        Assert.True(reload.ExitCode == 0, reload.Err + reload.Out);
        Assert.Equal(after, await Hashes());
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerFixture>
{
    public const string Name = "sqlserver";
}
