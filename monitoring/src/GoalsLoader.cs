using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Monitoring;

/// <summary>A goals file that failed validation: every problem, each with its line and field; nothing was loaded.</summary>
public sealed class GoalsInvalidException(string file, IReadOnlyList<GoalsProblem> problems)
    : PdWarehouseException($"{file}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}, nothing loaded:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => p.Format(file)))}")
{
    public IReadOnlyList<GoalsProblem> Problems { get; } = problems;
}

/// <summary>What a goals load did: loaded a new version, made an earlier one current again, or nothing (already current).</summary>
public sealed record GoalsLoadResult(string Outcome, int GoalFileKey, string ContentSha256, int? LineageKey, int IndicatorCount, MeasurementRefresh Measurements)
{
    public const string Loaded = "LOADED", MadeCurrent = "MADE-CURRENT", AlreadyCurrent = "ALREADY-CURRENT";
}

/// <summary>
/// Loads a validated goals file into etl.GoalFile and dw.DimIndicator in one transaction with its own etl.Lineage batch,
/// and measures the current goals into etl.IndicatorMeasurement in the same transaction.
/// A version is its content's SHA-256: loading the file that is already current writes nothing at all, and loading an
/// earlier version again makes it current without copying its indicators.
/// </summary>
public sealed class GoalsLoader(WarehouseConnection warehouse, TimeProvider clock)
{
    public const string FeedName = "monitoring-goals";

    public GoalsLoadResult Load(string fileName, byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // The warehouse's own policy list is the authority at load time: a code the file names must exist where it is loaded.
        var policies = warehouse.Query<(short PolicyKey, string PolicyCode, DateTime? IssuedDate, DateTime? SupersededDate, string PolicyTitle)>(GoalsSql.Policies)
            .ToList();
        var validation = new GoalsValidator(policies.ToDictionary(p => p.PolicyCode,
            p => new PolicyInfo(p.PolicyCode, p.PolicyTitle, Day(p.IssuedDate), Day(p.SupersededDate)), StringComparer.Ordinal))
            .Validate(Encoding.UTF8.GetString(bytes));
        if (!validation.IsValid) throw new GoalsInvalidException(fileName, validation.Problems);
        var goals = validation.Goals!;
        // Measured before the transaction opens, so the writing transaction is short (IndicatorMeasurer.MeasureAll).
        var measurer = new IndicatorMeasurer(warehouse);
        var measured = measurer.MeasureAll(goals);

        using var tx = warehouse.Connection.BeginTransaction();
        var existing = warehouse.Query<(int GoalFileKey, bool IsCurrent, int IndicatorCount)>(GoalsSql.GoalFileByHash, new { ContentSha256 = sha }, tx).ToList();
        if (existing is [{ IsCurrent: true } current])
        {
            // The goals are unchanged, but the facts may not be: their measurement is taken again (the same rows when
            // nothing was loaded since).
            var remeasured = measurer.Write(measured, tx);
            tx.Commit();
            warehouse.SettleCommittedBatch();
            return new GoalsLoadResult(GoalsLoadResult.AlreadyCurrent, current.GoalFileKey, sha, null, current.IndicatorCount, remeasured);
        }

        var lineageKey = warehouse.ExecuteScalar<int>(GoalsSql.NextLineageKey, null, tx);
        warehouse.Execute(GoalsSql.StartLineage, new
        {
            LineageKey = lineageKey, DeliveryName = Truncate(fileName, 200), FeedName, StartedAt = clock.GetUtcNow().UtcDateTime,
        }, tx);

        int goalFileKey, inserted = 0, updated;
        updated = warehouse.Execute(GoalsSql.RetireCurrent, null, tx);
        if (existing is [var earlier])
        {
            goalFileKey = earlier.GoalFileKey;
            updated += warehouse.Execute(GoalsSql.MakeCurrent, new { GoalFileKey = goalFileKey, LineageKey = lineageKey }, tx);
        }
        else
        {
            goalFileKey = warehouse.ExecuteScalar<int>(GoalsSql.NextGoalFileKey, null, tx);
            warehouse.Execute(GoalsSql.InsertGoalFile, new
            {
                GoalFileKey = goalFileKey, ContentSha256 = sha, FileVersion = goals.Version, FileName = Truncate(fileName, 260),
                goals.Owner, IndicatorCount = goals.Indicators.Count, LineageKey = lineageKey,
            }, tx);
            inserted++;
            var policyKeys = policies.ToDictionary(p => p.PolicyCode, p => p.PolicyKey, StringComparer.Ordinal);
            var nextKey = warehouse.ExecuteScalar<int>(GoalsSql.NextIndicatorKey, null, tx);
            foreach (var indicator in goals.Indicators)
            {
                var m = indicator.Measure;
                warehouse.Execute(GoalsSql.InsertIndicator, new
                {
                    IndicatorKey = nextKey++, GoalFileKey = goalFileKey, IndicatorId = indicator.Id, indicator.Statement,
                    PolicyKey = policyKeys[indicator.PolicyCode], indicator.PeriodStart, indicator.PeriodEnd, MeasureKind = m.Kind,
                    m.Population, DenominatorPopulation = m.Kind == "rate" ? m.Denominator.Population : null, RatePer = m.Per,
                    m.FromEvent, m.ToEvent, Definition = m.Json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }),
                    indicator.Direction, indicator.Target, indicator.ToleranceLow, indicator.ToleranceHigh, SourceLine = indicator.Line,
                    LineageKey = lineageKey,
                }, tx);
                inserted++;
            }
        }
        var measurements = measurer.Write(measured, tx);
        warehouse.Execute(GoalsSql.CompleteLineage, new
        {
            LineageKey = lineageKey, FinishedAt = clock.GetUtcNow().UtcDateTime, RowsRead = goals.Indicators.Count, RowsInserted = inserted,
            RowsUpdated = updated, Message = Truncate($"goals file version {goals.Version}, sha256 {sha}", 2000),
        }, tx);
        tx.Commit();
        warehouse.SettleCommittedBatch();
        return new GoalsLoadResult(existing.Count == 0 ? GoalsLoadResult.Loaded : GoalsLoadResult.MadeCurrent, goalFileKey, sha, lineageKey, goals.Indicators.Count, measurements);
    }

    private static DateOnly? Day(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>A goals file that cannot be read at all.</summary>
public sealed class GoalsFileException(string message) : PdWarehouseException(message);

/// <summary>The goals load's shared SQL (one text for both engines; bound against the dacpac model by a test).</summary>
public static class GoalsSql
{
    public const string Policies =
        "SELECT PolicyKey, PolicyCode, IssuedDate, SupersededDate, PolicyTitle FROM dw.DimPolicy";

    public const string GoalFileByHash =
        "SELECT GoalFileKey, IsCurrent, IndicatorCount FROM etl.GoalFile WHERE ContentSha256 = @ContentSha256";

    public const string NextLineageKey = "SELECT COALESCE(MAX(LineageKey), 0) + 1 FROM etl.Lineage";
    public const string NextGoalFileKey = "SELECT COALESCE(MAX(GoalFileKey), 0) + 1 FROM etl.GoalFile";
    public const string NextIndicatorKey = "SELECT COALESCE(MAX(IndicatorKey), 0) + 1 FROM dw.DimIndicator";

    // The goals batch has no period: rpt.LoadCompleteness and the annual report's appendix select deliveries by period,
    // so a goals load never shows up as a feed delivery there.
    public const string StartLineage = """
        INSERT INTO etl.Lineage (LineageKey, DeliveryName, FeedName, SourceSystem, ComponentCode, PeriodStart, PeriodEnd, ManifestSha256,
                                 StartedAt, FinishedAt, Status, RowsRead, RowsStaged, RowsRejected, RowsInserted, RowsUpdated, Message)
        VALUES (@LineageKey, @DeliveryName, @FeedName, 'pdw-monitor', 'DHS', NULL, NULL, NULL,
                @StartedAt, NULL, 'STARTED', 0, 0, 0, 0, 0, NULL)
        """;

    public const string CompleteLineage = """
        UPDATE etl.Lineage SET FinishedAt = @FinishedAt, Status = 'SUCCEEDED', RowsRead = @RowsRead, RowsStaged = @RowsRead,
            RowsRejected = 0, RowsInserted = @RowsInserted, RowsUpdated = @RowsUpdated, Message = @Message
        WHERE LineageKey = @LineageKey
        """;

    public const string RetireCurrent = "UPDATE etl.GoalFile SET IsCurrent = 0 WHERE IsCurrent = 1";

    public const string MakeCurrent = "UPDATE etl.GoalFile SET IsCurrent = 1, CurrentLineageKey = @LineageKey WHERE GoalFileKey = @GoalFileKey";

    public const string InsertGoalFile = """
        INSERT INTO etl.GoalFile (GoalFileKey, ContentSha256, FileVersion, FileName, Owner, IndicatorCount, IsCurrent, LineageKey, CurrentLineageKey)
        VALUES (@GoalFileKey, @ContentSha256, @FileVersion, @FileName, @Owner, @IndicatorCount, 1, @LineageKey, @LineageKey)
        """;

    public const string InsertIndicator = """
        INSERT INTO dw.DimIndicator (IndicatorKey, GoalFileKey, IndicatorId, Statement, PolicyKey, PeriodStart, PeriodEnd, MeasureKind,
                                     Population, DenominatorPopulation, RatePer, FromEvent, ToEvent, Definition, Direction, Target,
                                     ToleranceLow, ToleranceHigh, SourceLine, LineageKey)
        VALUES (@IndicatorKey, @GoalFileKey, @IndicatorId, @Statement, @PolicyKey, @PeriodStart, @PeriodEnd, @MeasureKind,
                @Population, @DenominatorPopulation, @RatePer, @FromEvent, @ToEvent, @Definition, @Direction, @Target,
                @ToleranceLow, @ToleranceHigh, @SourceLine, @LineageKey)
        """;

    public static IEnumerable<(string Name, string Sql)> All =>
    [
        (nameof(Policies), Policies), (nameof(GoalFileByHash), GoalFileByHash), (nameof(NextLineageKey), NextLineageKey),
        (nameof(NextGoalFileKey), NextGoalFileKey), (nameof(NextIndicatorKey), NextIndicatorKey), (nameof(StartLineage), StartLineage),
        (nameof(CompleteLineage), CompleteLineage), (nameof(RetireCurrent), RetireCurrent), (nameof(MakeCurrent), MakeCurrent),
        (nameof(InsertGoalFile), InsertGoalFile), (nameof(InsertIndicator), InsertIndicator),
    ];
}
