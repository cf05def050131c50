namespace PdWarehouse.Etl.Loading;

/// <summary>
/// The loader's fixed shared SQL (one text for both engines, parameters as @name). Every statement here,
/// in the other *Sql classes and in the load plans is bound against the dacpac model by a test, so a
/// column renamed in warehouse/ fails the build of the ETL rather than a night's load.
/// </summary>
internal static class LoadSql
{
    public const string SucceededBatchForManifest =
        "SELECT LineageKey FROM etl.Lineage WHERE ManifestSha256 = @ManifestSha256 AND Status = 'SUCCEEDED' ORDER BY LineageKey DESC";

    public const string NextLineageKey = "SELECT COALESCE(MAX(LineageKey), 0) + 1 FROM etl.Lineage";
    public const string NextRejectKey = "SELECT COALESCE(MAX(RejectKey), 0) + 1 FROM etl.Reject";
    public const string NextDataQualityResultKey = "SELECT COALESCE(MAX(DataQualityResultKey), 0) + 1 FROM etl.DataQualityResult";
    public const string NextControlTotalKey = "SELECT COALESCE(MAX(ControlTotalKey), 0) + 1 FROM etl.ControlTotal";

    public const string StartLineage = """
        INSERT INTO etl.Lineage (LineageKey, DeliveryName, FeedName, SourceSystem, ComponentCode, PeriodStart, PeriodEnd, ManifestSha256,
                                 StartedAt, FinishedAt, Status, RowsRead, RowsStaged, RowsRejected, RowsInserted, RowsUpdated, Message)
        VALUES (@LineageKey, @DeliveryName, @FeedName, @SourceSystem, @ComponentCode, @PeriodStart, @PeriodEnd, @ManifestSha256,
                @StartedAt, NULL, 'STARTED', 0, 0, 0, 0, 0, NULL)
        """;

    public const string CompleteLineage = """
        UPDATE etl.Lineage SET FinishedAt = @FinishedAt, Status = 'SUCCEEDED', RowsRead = @RowsRead, RowsStaged = @RowsStaged,
            RowsRejected = @RowsRejected, RowsInserted = @RowsInserted, RowsUpdated = @RowsUpdated, Message = @Message
        WHERE LineageKey = @LineageKey
        """;

    public const string CountRejects = "SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = @LineageKey";

    public const string CountStagedPersons = "SELECT COUNT(*) FROM etl.StagedPerson WHERE LineageKey = @LineageKey";

    public const string CountRowsWithoutPerson = "SELECT COUNT(*) FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND PersonHash IS NULL";

    /// <summary>Working tables emptied at the end of every batch (with the feed's staging table).</summary>
    public static readonly string[] WorkTables = ["etl.StagedPerson", "etl.StagedPersonSeed", "etl.PersonLabel", "etl.PersonComponent", "etl.PersonAttribute", "etl.PersonMerge", "etl.DecisionSequence"];

    /// <summary>The facts that carry a PersonKey, with the date key that picks the person's version.</summary>
    public static readonly (string Table, string DateKey)[] PersonFacts =
    [
        ("dw.FactDiscretionDecision", "DecisionDateKey"), ("dw.FactEnforcementAction", "EventDateKey"), ("dw.FactDeferredActionRequest", "ReceiptDateKey"),
    ];

    public const string DecisionsOfBatchPersons = """
        SELECT f.DiscretionDecisionRecordKey AS RecordKey, p.PersonId, dd.ActionCode, dd.BasisCode, f.DecisionDateKey, f.SourceRecordId, f.PersonDecisionSequence
        FROM dw.FactDiscretionDecision AS f
        JOIN dw.DimPerson AS p ON p.PersonKey = f.PersonKey
        JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = f.DiscretionDecisionKey
        WHERE f.PersonKey <> 0
          AND p.PersonHash IN (SELECT sp.PersonHash FROM etl.StagedPerson AS sp WHERE sp.LineageKey = @LineageKey AND sp.PersonHash IS NOT NULL)
        ORDER BY p.PersonId, dd.ActionCode, dd.BasisCode
        """;

    public const string ApplyDecisionSequence = """
        UPDATE dw.FactDiscretionDecision SET
            PersonDecisionSequence = w.PersonDecisionSequence,
            IsRepeatAtLaterStage = CASE WHEN w.PersonDecisionSequence > 1 THEN 1 ELSE 0 END,
            LineageKey = @LineageKey
        FROM etl.DecisionSequence AS w
        WHERE w.LineageKey = @LineageKey AND FactDiscretionDecision.DiscretionDecisionRecordKey = w.DiscretionDecisionRecordKey
        """;

    /// <summary>
    /// How many of the delivery's staged rows meet each control total's condition (one column per condition, in order),
    /// counting, for a fact feed, only rows whose record reached the fact table: one query for all of a delivery's
    /// control totals, each condition a 0/1 column of the rows summed outside (a condition may name a parameter).
    /// </summary>
    public static string LoadedRowsMeeting(string stagingTable, FactLoadPlan? plan, IReadOnlyList<string> conditions)
    {
        var flags = string.Join(", ", conditions.Select((c, i) => $"CASE WHEN ({c}) THEN 1 ELSE 0 END AS m{i}"));
        var sums = string.Join(", ", conditions.Select((_, i) => $"CAST(COALESCE(SUM(f.m{i}), 0) AS BIGINT) AS m{i}"));
        var loaded = plan is null ? "" : $"\n      AND EXISTS (SELECT 1 FROM {plan.FactTable} AS fact WHERE fact.SourceSystem = @SourceSystem AND fact.SourceRecordId = {plan.RecordIdSql})";
        return $"SELECT {sums}\nFROM (SELECT {flags}\n      FROM {stagingTable} AS s WHERE s.LineageKey = @LineageKey{loaded}) AS f";
    }

    public const string InsertControlTotal = """
        INSERT INTO etl.ControlTotal (ControlTotalKey, LineageKey, MeasureName, ReportedValue, LoadedValue, Difference)
        VALUES (@ControlTotalKey, @LineageKey, @MeasureName, @ReportedValue, @LoadedValue, @Difference)
        """;

    /// <summary>Every shared statement of the loader, for the model-binding test.</summary>
    public static IEnumerable<(string Name, string Sql)> All()
    {
        yield return (nameof(SucceededBatchForManifest), SucceededBatchForManifest);
        yield return (nameof(NextLineageKey), NextLineageKey);
        yield return (nameof(NextRejectKey), NextRejectKey);
        yield return (nameof(NextDataQualityResultKey), NextDataQualityResultKey);
        yield return (nameof(NextControlTotalKey), NextControlTotalKey);
        yield return (nameof(StartLineage), StartLineage);
        yield return (nameof(CompleteLineage), CompleteLineage);
        yield return (nameof(CountRejects), CountRejects);
        yield return (nameof(CountRowsWithoutPerson), CountRowsWithoutPerson);
        yield return (nameof(CountStagedPersons), CountStagedPersons);
        yield return (nameof(DecisionsOfBatchPersons), DecisionsOfBatchPersons);
        yield return (nameof(ApplyDecisionSequence), ApplyDecisionSequence);
        yield return (nameof(InsertControlTotal), InsertControlTotal);
        foreach (var (i, sql) in PersonResolutionSql.All.Select((s, i) => (i, s))) yield return ($"PersonResolution[{i}]", sql);
        foreach (var plan in FeedLoadPlans.All)
        {
            yield return ($"{plan.Feed} merge", plan.MergeSql);
            yield return ($"{plan.Feed} findings", plan.FindingsSql);
            yield return ($"{plan.Feed} staged rows", $"SELECT COUNT(*) FROM {plan.StagingTable} WHERE LineageKey = @LineageKey");
            var measures = ControlTotalMeasures.All.Where(m => m.Feed == plan.Feed).Select(m => m.Condition).ToList();
            if (measures.Count > 0) yield return ($"{plan.Feed} control totals", LoadedRowsMeeting(plan.StagingTable, plan, measures));
        }
        foreach (var (name, sql) in ReferenceFeeds.AllSql) yield return (name, sql);
        foreach (var (name, sql) in UnlistedCountries.AllSql()) yield return (name, sql);
        foreach (var table in WorkTables) yield return ($"clean {table}", $"DELETE FROM {table} WHERE LineageKey = @LineageKey");
    }
}
