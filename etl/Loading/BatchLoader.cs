using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Dapper;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

public sealed record LoadOptions
{
    /// <summary>Share of a delivery's rows that may be rejected before the whole batch is refused.</summary>
    public double RejectThreshold { get; init; } = 0.05;
    /// <summary>Reload a delivery whose manifest already loaded successfully (normally skipped as a no-op).</summary>
    public bool Force { get; init; }
}

/// <summary>
/// Loads one delivery as one batch (DESIGN §7), in one transaction: lineage → stage (bulk copy, streaming)
/// with row validation and rejects → identity resolution → person dimension → facts (keyed MERGE) →
/// same-decision sequencing → data tests → reconciliation → staging emptied → lineage completed → commit.
/// A failure anywhere rolls the whole batch back; a killed process leaves nothing, and a rerun gives
/// exactly what an uninterrupted load gives (keys are MAX + ROW_NUMBER in the transaction).
/// </summary>
public sealed class BatchLoader(
    WarehouseConnection warehouse, WarehouseModel model, PseudonymKey key, IReadOnlyList<DataTest> dataTests,
    LoadOptions options, ILoadProgress progress, TimeProvider clock)
{
    private const int MaxRawText = 32_000;
    private const int StageChunkRows = 8_192;
    private const int DecisionWindowDays = 180;
    private readonly IReadOnlyList<DataTestQuery> _testQueries = DataTestQuery.For(dataTests);

    public BatchResult Load(string deliveryFolder)
    {
        var started = Stopwatch.StartNew();
        using var delivery = DeliveryReader.Open(deliveryFolder);   // refused deliveries stop here: nothing is written
        var feed = delivery.Feed;
        var sourceSystem = feed.Name;

        if (!options.Force)
        {
            var previous = warehouse.Query<int>(LoadSql.SucceededBatchForManifest, new { delivery.ManifestSha256 }).FirstOrDefault();
            if (previous > 0)
                return new BatchResult(delivery.DisplayName, feed.Name, previous, "SKIPPED",
                    $"already loaded by batch {previous}; nothing to do (use --force to reload)",
                    [], 0, 0, new Dictionary<string, long>(), [], [], [], [], started.Elapsed);
        }

        progress.BatchStarted(delivery.DisplayName, feed.Name, delivery.Manifest.Files.Sum(f => f.Rows));
        var steps = new List<StepTiming>();
        using var tx = warehouse.Connection.BeginTransaction();
        var lineageKey = warehouse.ExecuteScalar<int>(LoadSql.NextLineageKey, null, tx);
        var common = new { LineageKey = lineageKey, SourceSystem = sourceSystem, delivery.Manifest.PeriodStart, delivery.Manifest.PeriodEnd };

        Step(steps, "lineage", () =>
        {
            warehouse.Execute(LoadSql.StartLineage, new
            {
                LineageKey = lineageKey, DeliveryName = Truncate(delivery.DisplayName, 200), FeedName = feed.Name,
                SourceSystem = Truncate(delivery.Manifest.SourceSystem, 20), ComponentCode = Truncate(delivery.Manifest.Component, 10),
                PeriodStart = delivery.Manifest.PeriodStart, PeriodEnd = delivery.Manifest.PeriodEnd,
                delivery.ManifestSha256, StartedAt = clock.GetUtcNow().UtcDateTime,
            }, tx);
            return 1;
        });

        var files = new List<FileCounts>();
        var rejectsByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        Step(steps, "stage", () =>
        {
            foreach (var file in delivery.Manifest.Files)
                files.Add(StageFile(delivery, file, lineageKey, tx, rejectsByReason));
            return files.Sum(f => f.RowsStaged);
        });
        VerifyCounts(delivery, files, lineageKey, tx);

        var plan = FeedLoadPlans.For(feed.Name);
        var findings = new List<ConformanceFinding>();
        long inserted = 0, updated = 0;
        if (feed.IndexOf("ANumber") >= 0)
            Step(steps, "resolve persons", () => ResolvePersons(lineageKey, tx));
        if (plan is not null)
        {
            Step(steps, "extend calendar", () => CalendarExtension.Extend(warehouse, model, plan, lineageKey, tx));
            Step(steps, "keep unlisted countries", () =>
            {
                var unlisted = UnlistedCountries.Add(warehouse, plan, lineageKey, tx);
                if (unlisted.Sum(u => u.Rows) is > 0 and var rows)
                    findings.Add(new ConformanceFinding(plan.FactTable, plan.Lookups.First(l => l.Dimension == "dw.DimCountry").FactColumn, UnlistedCountries.Finding, rows));
                return unlisted.Count;
            });
            Step(steps, "conform", () => { findings.AddRange(Conform(plan, common, tx)); return findings.Sum(f => f.Rows); });
            Step(steps, "load facts", () => { (inserted, updated) = MergeFacts(plan, common, tx); return inserted + updated; });
            if (plan.FactTable == "dw.FactDiscretionDecision")
                Step(steps, "sequence decisions", () => SequenceDecisions(lineageKey, tx));
            if (FactSummaries.Of(plan.FactTable) is { } summary)
                Step(steps, "summarise", () => RefreshSummary(summary, common, tx));
            // Any fact batch can change a PD recipient's row of any year: a later apprehension, or persons merged by resolution.
            Step(steps, "summarise persons", () => RefreshSummary(FactSummaries.DiscretionPersons, common, tx));
        }
        else if (ReferenceFeeds.Handles(feed.Name))
        {
            Step(steps, "load dimension", () => { (inserted, updated) = ReferenceFeeds.Load(warehouse, feed.Name, lineageKey, tx); return inserted + updated; });
            // A country corrected in place changes the names the summaries copied; a new office version gets new keys,
            // which no summary row holds yet.
            if (feed.Name != FeedCatalog.PublishedSeries)
                Step(steps, "relabel summaries", () => FactSummaries.All.SelectMany(s => s.Relabel).Sum(sql => (long)warehouse.Execute(sql, common, tx)));
        }
        else throw new UnsupportedFeedException(feed.Name);

        var testResults = new List<DataTestResult>();
        Step(steps, "data tests", () =>
        {
            var failing = RunTests(lineageKey, tx);
            testResults.AddRange(dataTests.Select(t => new DataTestResult(t, failing[t])));
            RecordTests(lineageKey, testResults, findings, plan, tx);
            return testResults.Count;
        });
        var failures = testResults.Where(r => r.Test.IsError && !r.Passed).ToList();
        if (failures.Count > 0) throw new DataTestFailedException(delivery.DisplayName, failures);

        var controlTotals = new List<ControlTotalResult>();
        Step(steps, "reconcile", () => { controlTotals.AddRange(Reconcile(delivery, plan, common, tx)); return controlTotals.Count; });

        Step(steps, "clean up staging", () =>
        {
            // Raw identifiers never outlive the batch: staging is a working area, not an archive.
            var removed = warehouse.Execute($"DELETE FROM {feed.StagingTable} WHERE LineageKey = @LineageKey", common, tx);
            foreach (var work in LoadSql.WorkTables) warehouse.Execute($"DELETE FROM {work} WHERE LineageKey = @LineageKey", common, tx);
            return removed;
        });

        warehouse.Execute(LoadSql.CompleteLineage, new
        {
            LineageKey = lineageKey, FinishedAt = clock.GetUtcNow().UtcDateTime, RowsRead = files.Sum(f => f.RowsRead),
            RowsStaged = files.Sum(f => f.RowsStaged), RowsRejected = files.Sum(f => f.RowsRejected), RowsInserted = inserted, RowsUpdated = updated,
            Message = Truncate(Summary(findings, controlTotals), 2000),
        }, tx);
        tx.Commit();
        Step(steps, "checkpoint", () =>
        {
            try { warehouse.SettleCommittedBatch(); }
            catch (DbException ex)
            {
                throw new WarehouseDatabaseException(
                    $"{delivery.DisplayName}: batch {lineageKey} committed, but the database could not checkpoint it: {ex.Message.Split('\n')[0]}", ex);
            }
            return 0;
        });
        return new BatchResult(delivery.DisplayName, feed.Name, lineageKey, "SUCCEEDED", null, files, inserted, updated,
            rejectsByReason, findings, testResults, controlTotals, steps, started.Elapsed);
    }

    /// <summary>Runs a summary's refresh statements in order; the rows are those its last statement (the insert) wrote.</summary>
    private long RefreshSummary(ISummaryTable summary, object parameters, DbTransaction tx)
    {
        long rows = 0;
        foreach (var sql in summary.Refresh) rows = warehouse.Execute(sql, parameters, tx);
        return rows;
    }

    private void Step(List<StepTiming> steps, string name, Func<long> action)
    {
        progress.StepStarted(name);
        var sw = Stopwatch.StartNew();
        var rows = action();
        var timing = new StepTiming(name, rows, sw.Elapsed);
        steps.Add(timing);
        progress.StepFinished(name, rows, sw.Elapsed);
    }

    private FileCounts StageFile(Delivery delivery, ManifestFile file, int lineageKey, DbTransaction tx, SortedDictionary<string, long> rejectsByReason)
    {
        var feed = delivery.Feed;
        var staging = model.Table(feed.StagingTable);
        var stagingColumns = staging.Columns.Select(c => c.Name).ToList();
        var expected = feed.Columns.Select(c => c.Name).Append("LineageKey").Append("SourceRowNumber").ToList();
        if (!stagingColumns.SequenceEqual(expected))
            throw new InvalidOperationException($"{feed.StagingTable} columns ({string.Join(", ", stagingColumns)}) do not match feed {feed.Name}");
        var person = PersonColumns.For(feed);
        // Identifying fields are hashed into etl.StagedPerson from the row in memory and staged as null: no spill file,
        // staging row or database block ever holds them in clear, so neither a killed load nor a freed page can leak them.
        var identifying = feed.Columns.Select((c, i) => (c, i)).Where(x => PersonFields.IsIdentifying(x.c.Name)).Select(x => x.i).ToArray();
        var rejectRows = new RejectRows(feed, MaxRawText);
        var recordId = feed.KeyIndexes();
        var nextReject = warehouse.ExecuteScalar<long>(LoadSql.NextRejectKey, null, tx);
        var seenIds = new Dictionary<ulong, long>();
        var pending = new List<(object?[] Values, FeedRow Row)>(StageChunkRows);
        long read = 0, staged = 0, rejected = 0;

        using (var rows = StagingWriter.Open(warehouse, tx, staging, stagingColumns))
        using (var people = person is null ? null : Writer("etl.StagedPerson", tx))
        using (var rejects = Writer("etl.Reject", tx))
        using (var reader = new FeedFileReader(delivery, file))
        {
            foreach (var row in reader.ReadRows())
            {
                read++;
                var error = row.IsValid ? DuplicateId(row, recordId, seenIds) : row.Errors[0];
                if (error is not null)
                {
                    rejected++;
                    rejectsByReason[error.ReasonCode] = rejectsByReason.GetValueOrDefault(error.ReasonCode) + 1;
                    var kept = rejectRows.For(row, row.IsValid ? [error] : row.Errors);
                    rejects.Add([nextReject++, lineageKey, Truncate(file.Name, 260), row.LineNumber, Truncate(kept.Field, 60), kept.ReasonCode,
                        Truncate(kept.Message, 1000), kept.Value, kept.SourceRecordId, kept.FieldIsIdentifying]);
                    continue;
                }
                var values = new object?[stagingColumns.Count];
                for (var i = 0; i < feed.Columns.Count; i++) values[i] = ForColumn(row.Values![i], staging.Columns[i]);
                foreach (var i in identifying) values[i] = null;
                values[^2] = lineageKey;
                values[^1] = row.LineNumber;
                pending.Add((values, row));
                if (pending.Count < StageChunkRows) continue;
                staged += WriteChunk(pending, rows, people, person, lineageKey);
                progress.RowsStaged(staged);
            }
            staged += WriteChunk(pending, rows, people, person, lineageKey);
            rows.Complete();
            people?.Complete();
            rejects.Complete();
        }
        progress.RowsStaged(staged);
        return new FileCounts(file.Name, read, staged, rejected);
    }

    /// <summary>
    /// Writes a chunk of valid rows in file order. Their person rows are computed first on every core: the keyed
    /// hashes of two or three identifiers per row are most of staging's CPU time, and the rows are independent.
    /// The writers themselves stay on this thread (a SqlConnection serves one thread at a time).
    /// </summary>
    private long WriteChunk(List<(object?[] Values, FeedRow Row)> chunk, StagingWriter rows, StagingWriter? people, PersonColumns? person, int lineageKey)
    {
        var personRows = new object?[]?[chunk.Count];
        if (person is not null)
            Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => personRows[i] = person.Stage(chunk[i].Row, lineageKey, key));
        for (var i = 0; i < chunk.Count; i++)
        {
            rows.Add(chunk[i].Values);
            if (personRows[i] is { } p) people!.Add(p);
        }
        var written = chunk.Count;
        chunk.Clear();
        return written;
    }

    private StagingWriter Writer(string table, DbTransaction tx)
    {
        var definition = model.Table(table);
        return StagingWriter.Open(warehouse, tx, definition, definition.Columns.Select(c => c.Name).ToList());
    }

    /// <summary>A record id seen earlier in the same delivery with different content: the first one wins.</summary>
    private static FieldError? DuplicateId(FeedRow row, int[] recordId, Dictionary<ulong, long> seen)
    {
        var id = recordId.Length == 1 ? (string?)row.Values![recordId[0]] ?? ""
            : FeedDefinition.RecordId(row.Values!.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).ToList(), recordId);
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(id));
        if (seen.TryGetValue(hash, out var first))
            return new FieldError(null, "DUPLICATE-RECORD-ID", $"record id {Echo.Value(id)} already appears on line {first} of this delivery with other values");
        seen[hash] = row.LineNumber;
        return null;
    }

    private void VerifyCounts(Delivery delivery, List<FileCounts> files, int lineageKey, DbTransaction tx)
    {
        foreach (var f in files)
            if (f.RowsRead != f.RowsStaged + f.RowsRejected)
                throw new RowCountMismatchException(delivery.DisplayName, f.File, f.RowsRead, f.RowsStaged, f.RowsRejected);
        // The loader's own count against what the database holds: nothing lost between reader and table.
        var staged = warehouse.ExecuteScalar<long>($"SELECT COUNT(*) FROM {delivery.Feed.StagingTable} WHERE LineageKey = @LineageKey", new { LineageKey = lineageKey }, tx);
        var rejected = warehouse.ExecuteScalar<long>(LoadSql.CountRejects, new { LineageKey = lineageKey }, tx);
        var read = files.Sum(f => f.RowsRead);
        if (staged != files.Sum(f => f.RowsStaged) || rejected != files.Sum(f => f.RowsRejected))
            throw new RowCountMismatchException(delivery.DisplayName, "(all files)", read, staged, rejected);
        if (delivery.Feed.IndexOf("ANumber") >= 0)
        {
            var people = warehouse.ExecuteScalar<long>(LoadSql.CountStagedPersons, new { LineageKey = lineageKey }, tx);
            if (people != staged) throw new RowCountMismatchException(delivery.DisplayName, "(person rows)", read, people, rejected);
        }
        if (read > 0 && (double)rejected / read > options.RejectThreshold)
            throw new RejectThresholdExceededException(delivery.DisplayName, rejected, read, options.RejectThreshold);
    }

    private long ResolvePersons(int lineageKey, DbTransaction tx)
    {
        warehouse.Execute(PersonResolutionSql.SeedLabels, new { LineageKey = lineageKey }, tx);
        var seeds = warehouse.Query<SeedCounts>(PersonResolutionSql.SeedCounts, new { LineageKey = lineageKey }, tx).Single();
        var p = new { LineageKey = lineageKey, seeds.KnownSeeds, SeedValidFrom = ReferenceData.SeedValidFrom, OpenValidTo = ReferenceData.OpenValidTo };
        warehouse.Execute(PersonResolutionSql.SeedRows, p, tx);
        // The connected components, joined in memory: a handful of passes over integers instead of label propagation's
        // repeated UPDATEs of the staged rows (one pass per link of the longest chain, and memory held until commit).
        // The links are read as bare integers: one row per staged row with two ranks or more, where a mapped object per
        // row cost more than the linking itself.
        var components = new SeedComponents(seeds.Seeds);
        using (var links = warehouse.Connection.ExecuteReader(warehouse.Prepare(PersonResolutionSql.SeedLinks), p, tx, commandTimeout: 0))
            while (links.Read())
            {
                var first = links.GetInt32(0);
                components.Link(first, links.GetInt32(1));
                if (!links.IsDBNull(2)) components.Link(first, links.GetInt32(2));
            }
        using (var joined = Writer("etl.PersonComponent", tx))
        {
            foreach (var (seed, root) in components.Joined()) joined.Add([lineageKey, seed, root]);
            joined.Complete();
        }
        warehouse.Execute(PersonResolutionSql.AssignPersons, p, tx);
        // Persons already in the warehouse that this batch links are merged set-wise, whatever their number.
        if (warehouse.Execute(PersonResolutionSql.RecordMerges, p, tx) > 0)
        {
            warehouse.Execute(PersonResolutionSql.RemapIdentifiers, p, tx);
            foreach (var (table, dateKey) in LoadSql.PersonFacts)
                warehouse.Execute(PersonResolutionSql.RepointFacts(table, dateKey), p, tx);
            warehouse.Execute(PersonResolutionSql.DeleteMergedPersons, p, tx);
        }
        warehouse.Execute(PersonResolutionSql.RecordNewIdentifiers, p, tx);
        warehouse.Execute(PersonResolutionSql.RecordBatchAttributes, p, tx);
        var created = warehouse.Execute(PersonResolutionSql.InsertNewPersons, p, tx);
        warehouse.Execute(PersonResolutionSql.FillMissingAttributes, p, tx);
        created += warehouse.Execute(PersonResolutionSql.OpenNewVersions, p, tx);
        warehouse.Execute(PersonResolutionSql.CloseReplacedVersions, p, tx);
        return created;
    }

    private List<ConformanceFinding> Conform(FactLoadPlan plan, object parameters, DbTransaction tx)
    {
        var counted = plan.CountedLookups;
        var row = (IDictionary<string, object?>)warehouse.Query<dynamic>(plan.FindingsSql, parameters, tx).Single();
        var findings = counted
            .Select(l => new ConformanceFinding(plan.FactTable, l.FactColumn, l.Finding!, Convert.ToInt64(row[l.FactColumn] ?? 0L, CultureInfo.InvariantCulture)))
            .Where(f => f.Rows > 0).ToList();
        var anonymous = warehouse.ExecuteScalar<long>(LoadSql.CountRowsWithoutPerson, parameters, tx);
        if (anonymous > 0) findings.Add(new ConformanceFinding(plan.FactTable, "PersonKey", "no identifier to resolve a person", anonymous));
        return findings;
    }

    private (long Inserted, long Updated) MergeFacts(FactLoadPlan plan, object parameters, DbTransaction tx)
    {
        var before = warehouse.ExecuteScalar<long>($"SELECT COUNT(*) FROM {plan.FactTable}", null, tx);
        var affected = warehouse.Execute(plan.MergeSql, parameters, tx);
        var after = warehouse.ExecuteScalar<long>($"SELECT COUNT(*) FROM {plan.FactTable}", null, tx);
        return (after - before, affected - (after - before));
    }

    /// <summary>
    /// The same-decision rule (docs/feeds.md): a person's records with the same action and basis within
    /// 180 days of the first record of their chain are one decision; the first is 1, later ones repeats.
    /// Recomputed for every person the batch touched, so a late-arriving earlier record re-sequences the chain.
    /// </summary>
    private long SequenceDecisions(int lineageKey, DbTransaction tx)
    {
        var records = warehouse.Query<DecisionRecord>(LoadSql.DecisionsOfBatchPersons, new { LineageKey = lineageKey }, tx);
        var changed = new List<object?[]>();
        foreach (var chain in records.GroupBy(r => (r.PersonId, r.ActionCode, r.BasisCode)))
        {
            DateTime chainStart = default;
            var sequence = 0;
            foreach (var r in chain.OrderBy(r => r.DecisionDateKey).ThenBy(r => r.SourceRecordId, StringComparer.Ordinal))
            {
                var date = r.DecisionDateKey == 0 ? DateTime.MinValue : new DateOnly(r.DecisionDateKey / 10000, r.DecisionDateKey / 100 % 100, r.DecisionDateKey % 100).ToDateTime(TimeOnly.MinValue);
                if (sequence == 0 || (date - chainStart).TotalDays > DecisionWindowDays) { chainStart = date; sequence = 1; }
                else sequence++;
                if (r.PersonDecisionSequence != sequence) changed.Add([lineageKey, r.RecordKey, sequence]);
            }
        }
        if (changed.Count == 0) return 0;
        using (var writer = Writer("etl.DecisionSequence", tx))
        {
            foreach (var c in changed) writer.Add(c);
            writer.Complete();
        }
        return warehouse.Execute(LoadSql.ApplyDecisionSequence, new { LineageKey = lineageKey }, tx);
    }

    /// <summary>Every test's failing-row count, one query per table (and per unique key): each test still runs in every batch.</summary>
    private Dictionary<DataTest, long> RunTests(int lineageKey, DbTransaction tx)
    {
        var failing = new Dictionary<DataTest, long>(ReferenceEqualityComparer.Instance);
        foreach (var query in _testQueries)
        {
            using var reader = warehouse.Connection.ExecuteReader(warehouse.Prepare(query.Sql), new { LineageKey = lineageKey }, tx, commandTimeout: 0);
            if (!reader.Read()) throw new InvalidOperationException($"the data tests of {query.Table} returned no row");
            for (var i = 0; i < query.Tests.Count; i++) failing[query.Tests[i]] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        }
        return failing;
    }

    private void RecordTests(int lineageKey, List<DataTestResult> results, List<ConformanceFinding> findings, FactLoadPlan? plan, DbTransaction tx)
    {
        var next = warehouse.ExecuteScalar<long>(LoadSql.NextDataQualityResultKey, null, tx);
        var checkedAt = clock.GetUtcNow().UtcDateTime;
        using var writer = Writer("etl.DataQualityResult", tx);
        foreach (var r in results)
            writer.Add([next++, lineageKey, Truncate(r.Test.Name, 200), r.Test.TestType, r.Test.Table, Truncate(r.Test.Column, 128), r.Test.Severity, r.FailingRows, r.Passed, checkedAt]);
        foreach (var f in findings)
            writer.Add([next++, lineageKey, Truncate($"{plan?.Feed}: {f.Finding}", 200), "CONFORMANCE", f.Table, f.Column, "WARN", f.Rows, false, checkedAt]);
        writer.Complete();
    }

    private List<ControlTotalResult> Reconcile(Delivery delivery, FactLoadPlan? plan, object parameters, DbTransaction tx)
    {
        var results = new List<ControlTotalResult>();
        var next = warehouse.ExecuteScalar<long>(LoadSql.NextControlTotalKey, null, tx);
        var conditions = delivery.Manifest.ControlTotals.Select(t => ControlTotalMeasures.Condition(delivery.Feed.Name, t.Measure)).ToList();
        // Every reconcilable total of the delivery from one query: one pass over its staged rows instead of one per total.
        var known = conditions.OfType<string>().ToList();
        var counts = new List<long>();
        if (known.Count > 0)
        {
            using var reader = warehouse.Connection.ExecuteReader(
                warehouse.Prepare(LoadSql.LoadedRowsMeeting(delivery.Feed.StagingTable, plan, known)), parameters, tx, commandTimeout: 0);
            if (!reader.Read()) throw new InvalidOperationException($"{delivery.DisplayName}: the control totals query returned no row");
            for (var i = 0; i < known.Count; i++) counts.Add(Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture));
        }
        var nextCount = 0;
        foreach (var (total, condition) in delivery.Manifest.ControlTotals.Zip(conditions))
        {
            long? loaded = condition is null ? null : counts[nextCount++];
            var result = new ControlTotalResult(total.Measure, total.Value, loaded);
            results.Add(result);
            warehouse.Execute(LoadSql.InsertControlTotal, new
            {
                ControlTotalKey = next++, ((dynamic)parameters).LineageKey, MeasureName = Truncate(total.Measure, 100),
                ReportedValue = total.Value, LoadedValue = loaded, result.Difference,
            }, tx);
        }
        return results;
    }

    private static string Summary(List<ConformanceFinding> findings, List<ControlTotalResult> totals)
    {
        var parts = new List<string>();
        if (findings.Count > 0) parts.Add("findings: " + string.Join(", ", findings.Select(f => $"{f.Finding} {f.Rows}")));
        var off = totals.Where(t => t.Difference is not null and not 0).ToList();
        if (off.Count > 0) parts.Add("control totals differ: " + string.Join(", ", off.Select(t => $"{t.Measure} reported {t.Reported} loaded {t.Loaded}")));
        // A measure the feed does not define is declared by the sender but cannot be reconciled: say so rather than pass it by.
        var unknown = totals.Where(t => t.Loaded is null).ToList();
        if (unknown.Count > 0) parts.Add("control totals not reconciled (no such measure for this feed): " + string.Join(", ", unknown.Select(t => t.Measure)));
        return parts.Count == 0 ? "ok" : string.Join("; ", parts);
    }

    /// <summary>
    /// Feed values are string/int/DateOnly; the staging column's SQL type decides the CLR type the engine gets. The
    /// narrowing is checked: the reader keeps values inside the catalog's range, and a value outside the column's type
    /// is a bug to stop on, never a number to wrap (issue 24: -3 stored as 253). Each arm is boxed as its own type;
    /// a switch of bare numbers would widen them all to long.
    /// </summary>
    internal static object? ForColumn(object? value, ColumnDefinition column) => value switch
    {
        null => null,
        int i => column.SqlType switch
        {
            "tinyint" => (object)checked((byte)i),
            "smallint" => (object)checked((short)i),
            "bigint" => (object)(long)i,
            _ => (object)i,
        },
        _ => value,
    };

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    private sealed record SeedCounts(int Seeds, int KnownSeeds);

    private sealed record DecisionRecord(long RecordKey, int PersonId, string ActionCode, string BasisCode, int DecisionDateKey, string SourceRecordId, int PersonDecisionSequence);
}
