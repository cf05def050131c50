using System.Security.Cryptography;
using System.Text;
using Dapper;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;
using static PdWarehouse.Monitoring.Tests.GoalsText;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>An empty DuckDB warehouse initialised once from the dacpac; each test works on its own copy.</summary>
public sealed class EmptyWarehouse : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pdw-monitor-").FullName;
    private readonly string _template;

    public EmptyWarehouse()
    {
        _template = Path.Combine(_directory, "template.duckdb");
        using var model = WarehouseModel.LoadDacpac(Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac"));
        new DuckDbWarehouseInitializer(model, ReferenceData.Load(WarehouseSources.Locate(), model)).Initialize(_template);
    }

    public string Copy()
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.duckdb");
        File.Copy(_template, path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// `pdw monitor goals load`: a goals file becomes a version in etl.GoalFile with its indicators in dw.DimIndicator and a
/// batch in etl.Lineage; the same file twice changes nothing, and a refused file loads nothing.
/// </summary>
public sealed class WhenGoalsAreLoaded(EmptyWarehouse empty) : IClassFixture<EmptyWarehouse>
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string Snapshot(WarehouseConnection db)
    {
        // Every column of every row the goals load may touch, as text: equal snapshots mean nothing changed.
        var text = new StringBuilder();
        foreach (var table in new[] { "etl.Lineage", "etl.GoalFile", "dw.DimIndicator", "etl.IndicatorMeasurement" })
        {
            var key = table switch { "etl.Lineage" => "LineageKey", "etl.GoalFile" => "GoalFileKey", "dw.DimIndicator" => "IndicatorKey", _ => "IndicatorMeasurementKey" };
            foreach (IDictionary<string, object?> row in db.Connection.Query($"SELECT * FROM {table} ORDER BY {key}"))
                text.AppendLine($"{table}: {string.Join("|", row.Select(c => $"{c.Key}={c.Value}"))}");
        }
        return text.ToString();
    }

    [Fact]
    public void The_shipped_file_loads_as_one_current_version_with_its_five_indicators_and_a_batch()
    {
        using var db = WarehouseConnection.OpenDuckDb(empty.Copy());
        var bytes = Encoding.UTF8.GetBytes(Shipped);
        var result = new GoalsLoader(db, Clock).Load("goals.yaml", bytes);

        Assert.Equal(GoalsLoadResult.Loaded, result.Outcome);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var file = db.Query<(int GoalFileKey, string ContentSha256, string FileVersion, string FileName, string Owner, int IndicatorCount, bool IsCurrent, int LineageKey, int CurrentLineageKey)>(
            "SELECT GoalFileKey, ContentSha256, FileVersion, FileName, Owner, IndicatorCount, IsCurrent, LineageKey, CurrentLineageKey FROM etl.GoalFile").Single();
        Assert.Equal((1, sha, "2026-12-08.1", "goals.yaml", "DHS Office of Policy", 5, true, 1, 1), file);

        var lineage = db.Query<(string FeedName, string DeliveryName, string Status, long RowsRead, long RowsInserted, DateTime? PeriodStart)>(
            "SELECT FeedName, DeliveryName, Status, RowsRead, RowsInserted, PeriodStart FROM etl.Lineage WHERE LineageKey = 1").Single();
        // One goal file row and five indicators inserted; no period, so the feed appendix never lists it.
        Assert.Equal(("monitoring-goals", "goals.yaml", "SUCCEEDED", 5L, 6L, (DateTime?)null), lineage);

        var rows = db.Query<(int IndicatorKey, string IndicatorId, short PolicyKey, DateTime PeriodStart, string MeasureKind, string Population, string? DenominatorPopulation, int? RatePer, string? FromEvent, string? ToEvent, string Direction, decimal Target, decimal? ToleranceLow, decimal? ToleranceHigh, int SourceLine, int LineageKey)>("""
            SELECT IndicatorKey, IndicatorId, PolicyKey, PeriodStart, MeasureKind, Population, DenominatorPopulation, RatePer, FromEvent, ToEvent,
                   Direction, Target, ToleranceLow, ToleranceHigh, SourceLine, LineageKey
            FROM dw.DimIndicator WHERE IndicatorKey <> 0 ORDER BY IndicatorKey
            """).ToList();
        // Policy keys from warehouse/reference/dw.DimPolicy.csv: 9 = DHS-2014-11-20-PRI, 8 = DHS-2012-06-15-DACA.
        var nov2014 = new DateTime(2014, 11, 20);
        Assert.Equal(
        [
            (1, "ice-removals-top-priority", (short)9, nov2014, "share", "enforcement-actions", (string?)null, (int?)null, (string?)null, (string?)null, "higher", 0.60m, (decimal?)0.55m, (decimal?)1m, LineOf(Shipped, "- id: ice-removals-top-priority"), 1),
            (2, "pd-basis-recorded", (short)9, nov2014, "share", "pd-decisions", null, null, null, null, "higher", 0.95m, 0.90m, 1m, LineOf(Shipped, "- id: pd-basis-recorded"), 1),
            (3, "pd-recipients-convicted-12m", (short)9, nov2014, "share", "pd-recipients", null, null, null, null, "lower", 0.02m, 0m, 0.03m, LineOf(Shipped, "- id: pd-recipients-convicted-12m"), 1),
            (4, "daca-referral-decision-days", (short)8, new DateTime(2012, 8, 15), "median-days", "daca-requests", null, null, "receipt", "decision", "lower", 120m, 0m, 150m, LineOf(Shipped, "- id: daca-referral-decision-days"), 1),
            (5, "no-travel-docs-releases-per-1000-removals", (short)9, nov2014, "rate", "pd-decisions", "enforcement-actions", 1000, null, null, "lower", 5m, 0m, 7.5m, LineOf(Shipped, "- id: no-travel-docs-releases-per-1000-removals"), 1),
        ], rows);

        // The definition is stored in full, so the measurement reads what policy staff wrote, filters and all.
        var definition = db.ExecuteScalar<string>("SELECT Definition FROM dw.DimIndicator WHERE IndicatorId = 'no-travel-docs-releases-per-1000-removals'");
        Assert.Equal("""{"denominator":{"population":"enforcement-actions","where":{"action-category":["REMOVAL"],"component":["ICE-ERO"]}},"kind":"rate","numerator":{"population":"pd-decisions","where":{"action":["REL"],"basis":["NO-TRAVEL-DOCS"],"component":["ICE-ERO"]}},"per":1000}""", definition);
    }

    [Fact]
    public void Loading_the_same_file_twice_changes_nothing()
    {
        using var db = WarehouseConnection.OpenDuckDb(empty.Copy());
        var bytes = Encoding.UTF8.GetBytes(Shipped);
        new GoalsLoader(db, Clock).Load("goals.yaml", bytes);
        var before = Snapshot(db);

        var again = new GoalsLoader(db, new FixedClock(Clock.GetUtcNow().AddDays(1))).Load("renamed.yaml", bytes);

        Assert.Equal(GoalsLoadResult.AlreadyCurrent, again.Outcome);
        Assert.Null(again.LineageKey);
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public void An_edited_file_is_a_new_current_version_and_the_old_one_is_kept_and_can_return()
    {
        using var db = WarehouseConnection.OpenDuckDb(empty.Copy());
        var loader = new GoalsLoader(db, Clock);
        var first = Encoding.UTF8.GetBytes(Shipped);
        var second = Encoding.UTF8.GetBytes(Edit(Shipped, "target: 0.60", "target: 0.65"));
        loader.Load("goals.yaml", first);
        var edited = loader.Load("goals.yaml", second);
        Assert.Equal((GoalsLoadResult.Loaded, 2, 2), (edited.Outcome, edited.GoalFileKey, edited.LineageKey!.Value));
        Assert.Equal([(1, false), (2, true)], db.Query<(int, bool)>("SELECT GoalFileKey, IsCurrent FROM etl.GoalFile ORDER BY GoalFileKey"));
        Assert.Equal([0.60m, 0.65m], db.Query<decimal>("SELECT Target FROM dw.DimIndicator WHERE IndicatorId = 'ice-removals-top-priority' ORDER BY GoalFileKey"));

        var back = loader.Load("goals.yaml", first);
        Assert.Equal((GoalsLoadResult.MadeCurrent, 1, 3), (back.Outcome, back.GoalFileKey, back.LineageKey!.Value));
        Assert.Equal([(1, true, 3), (2, false, 2)], db.Query<(int, bool, int)>("SELECT GoalFileKey, IsCurrent, CurrentLineageKey FROM etl.GoalFile ORDER BY GoalFileKey"));
        // Returning to a version reuses its indicators: ten rows for two versions plus the Unknown member.
        Assert.Equal(11, db.ExecuteScalar<int>("SELECT COUNT(*) FROM dw.DimIndicator"));
    }

    [Theory]
    [InlineData("    target: 0.95\n", "    target: 0.95\n    colour: blue\n", "colour: blue", "unknown field 'colour'")]
    [InlineData("policy: DHS-2012-06-15-DACA", "policy: DHS-2099-01-01-XX", "DHS-2099-01-01-XX", "unknown policy code")]
    [InlineData("target: 0.60", "target: 1.2", "target: 1.2", "outside the range of a share")]
    [InlineData("from: receipt", "from: referral", "from: referral", "has no event 'referral'")]
    public void A_refused_file_loads_nothing_and_says_which_line(string from, string to, string marker, string message)
    {
        using var db = WarehouseConnection.OpenDuckDb(empty.Copy());
        var loader = new GoalsLoader(db, Clock);
        loader.Load("goals.yaml", Encoding.UTF8.GetBytes(Shipped));
        var before = Snapshot(db);
        var text = Edit(Shipped, from, to);

        var refused = Assert.Throws<GoalsInvalidException>(() => loader.Load("bad.yaml", Encoding.UTF8.GetBytes(text)));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(LineOf(text, marker), problem.Line);
        Assert.Contains(message, problem.Message);
        Assert.Contains($"bad.yaml:{problem.Line}:", refused.Message);
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public void A_policy_the_warehouse_lacks_is_refused_even_when_the_shipped_list_has_it()
    {
        // The database is the authority at load time: a warehouse deployed before a policy was added cannot be given goals for it.
        using var db = WarehouseConnection.OpenDuckDb(empty.Copy());
        db.Execute("DELETE FROM dw.DimPolicy WHERE PolicyCode = 'DHS-2012-06-15-DACA'");
        var refused = Assert.Throws<GoalsInvalidException>(() => new GoalsLoader(db, Clock).Load("goals.yaml", Encoding.UTF8.GetBytes(Shipped)));
        Assert.Equal(LineOf(Shipped, "policy: DHS-2012-06-15-DACA"), Assert.Single(refused.Problems).Line);
        Assert.Equal(0, db.ExecuteScalar<int>("SELECT COUNT(*) FROM etl.GoalFile"));
    }
}
