using System.Text;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// How one staged column (or a constant) conforms to a dimension key. A code that finds no member becomes
/// the Unknown member (key 0); when the code was given, that is a data-quality finding named <see cref="Finding"/>.
/// </summary>
internal sealed record DimensionLookup(
    string FactColumn, string Dimension, string KeyColumn, string MatchSql, string? CodeSql, string? Finding, bool Versioned = false);

/// <summary>
/// The load of one feed into one fact table, declared as the fact's columns: conformed dimension keys and
/// direct expressions over the staging row <c>s</c> and its person <c>sp</c>. From this the plan writes the
/// shared SQL: a source query, one keyed MERGE (idempotent by SourceSystem + SourceRecordId) and the
/// conformance-finding counts.
/// </summary>
internal sealed class FactLoadPlan
{
    public required string Feed { get; init; }
    public required string StagingTable { get; init; }
    public required string FactTable { get; init; }
    public required string FactKey { get; init; }
    public required string RecordIdSql { get; init; }
    /// <summary>The event date of the row: dates its dimension versions and its DimDate key.</summary>
    public required string EventDateSql { get; init; }
    public required string PersonDateKeyColumn { get; init; }
    public required IReadOnlyList<DimensionLookup> Lookups { get; init; }
    public IReadOnlyList<(string Column, string Sql)> Columns { get; init; } = [];
    /// <summary>Columns set on insert only and maintained by a later step (decision sequencing).</summary>
    public IReadOnlyList<(string Column, string Sql)> InsertOnlyColumns { get; init; } = [];

    private IEnumerable<string> ComparedColumns => Lookups.Select(l => l.FactColumn).Concat(Columns.Select(c => c.Column));

    /// <summary>One row per staged row of the batch, with every fact column resolved.</summary>
    public string SourceSql
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("SELECT @SourceSystem AS SourceSystem, ").Append(RecordIdSql).AppendLine(" AS SourceRecordId");
            foreach (var l in Lookups) sb.Append("     , COALESCE(").Append(Alias(l)).Append('.').Append(l.KeyColumn).Append(", 0) AS ").AppendLine(l.FactColumn);
            foreach (var (column, sql) in Columns) sb.Append("     , ").Append(sql).Append(" AS ").AppendLine(column);
            return sb.Append(FromClause).ToString();
        }
    }

    /// <summary>The staged rows of the batch joined to their person and every dimension they conform to.</summary>
    private string FromClause
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("FROM ").Append(StagingTable).AppendLine(" AS s");
            sb.AppendLine("LEFT JOIN etl.StagedPerson AS sp ON sp.LineageKey = s.LineageKey AND sp.SourceRowNumber = s.SourceRowNumber");
            foreach (var l in Lookups)
            {
                sb.Append("LEFT JOIN ").Append(l.Dimension).Append(" AS ").Append(Alias(l)).Append(" ON ").Append(l.MatchSql.Replace("{d}", Alias(l), StringComparison.Ordinal));
                if (l.Versioned)
                    sb.Append(" AND ").Append(Alias(l)).Append(".ValidFrom <= ").Append(EventDateSql).Append(" AND ").Append(Alias(l)).Append(".ValidTo > ").Append(EventDateSql);
                sb.AppendLine();
            }
            return sb.Append("WHERE s.LineageKey = @LineageKey").ToString();
        }
    }

    /// <summary>Insert new records, replace re-sent ones that differ, leave identical ones (and their lineage) alone.</summary>
    public string MergeSql
    {
        get
        {
            var compared = ComparedColumns.ToList();
            var insertColumns = new List<string> { FactKey, "SourceSystem", "SourceRecordId" };
            insertColumns.AddRange(compared);
            insertColumns.AddRange(InsertOnlyColumns.Select(c => c.Column));
            insertColumns.Add("LineageKey");
            var insertValues = new List<string> { "s.NewKey", "s.SourceSystem", "s.SourceRecordId" };
            insertValues.AddRange(compared.Select(c => "s." + c));
            insertValues.AddRange(InsertOnlyColumns.Select(c => c.Sql));
            insertValues.Add("@LineageKey");
            return $"""
                MERGE INTO {FactTable} AS t
                USING (
                    SELECT src.*, (SELECT COALESCE(MAX({FactKey}), 0) FROM {FactTable}) + ROW_NUMBER() OVER (ORDER BY src.SourceRecordId) AS NewKey
                    FROM (
                {SourceSql}
                    ) AS src
                ) AS s
                ON t.SourceSystem = s.SourceSystem AND t.SourceRecordId = s.SourceRecordId
                WHEN MATCHED AND ({string.Join(" OR ", compared.Select(c => $"t.{c} IS DISTINCT FROM s.{c}"))}) THEN
                    UPDATE SET {string.Join(", ", compared.Select(c => $"{c} = s.{c}"))}, LineageKey = @LineageKey
                WHEN NOT MATCHED BY TARGET THEN
                    INSERT ({string.Join(", ", insertColumns)})
                    VALUES ({string.Join(", ", insertValues)});
                """;
        }
    }

    /// <summary>Per lookup with a staged code: rows whose code was given but matched no member.</summary>
    public string FindingsSql
    {
        get
        {
            var counted = Lookups.Where(l => l.CodeSql is not null).ToList();
            var sums = counted.Select(l =>
                $"CAST(SUM(CASE WHEN {l.CodeSql} IS NOT NULL AND {Alias(l)}.{l.KeyColumn} IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS {l.FactColumn}");
            return $"SELECT COUNT(*) AS RowsChecked, {string.Join(", ", sums)}\n{FromClause}";
        }
    }

    public IReadOnlyList<DimensionLookup> CountedLookups => Lookups.Where(l => l.CodeSql is not null).ToList();

    private static string Alias(DimensionLookup l) => "d_" + l.FactColumn;
}
