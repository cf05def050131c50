using System.Globalization;
using System.IO.Compression;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>
/// Both engines hold identical reference rows: the rows the dacpac's post-deployment script would MERGE
/// into SQL Server (read back by parsing the script) against the rows in the DuckDB warehouse.
/// </summary>
[Collection(WarehouseCollection.Name)]
public sealed class ReferenceDataParityTests(WarehouseFixture fixture)
{
    [Fact]
    public void The_post_deployment_script_and_DuckDB_hold_the_same_reference_rows()
    {
        var fromScript = ScriptRows();
        Assert.Equal(fixture.Reference.Select(r => r.Table.FullName).OrderBy(n => n), fromScript.Keys.OrderBy(n => n));

        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.DuckDbPath);
        foreach (var (table, (columns, rows)) in fromScript)
        {
            var definition = fixture.Model.Table(table);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} ORDER BY {string.Join(", ", definition.PrimaryKey)}";
            using var reader = cmd.ExecuteReader();
            var duck = new List<string>();
            while (reader.Read())
                duck.Add(string.Join("|", columns.Select((c, i) => Normalise(reader.IsDBNull(i) ? null : reader.GetValue(i), definition.Column(c)))));
            // A dimension's surrogate key orders it; dw.PublishedFigure's key is its table, year and measure, in that order.
            string Part(string row, int k) => row.Split('|')[columns.IndexOf(definition.PrimaryKey[k])];
            var ordered = rows.OrderBy(r => long.TryParse(Part(r, 0), CultureInfo.InvariantCulture, out var n) ? n : 0).ThenBy(r => Part(r, 0), StringComparer.Ordinal);
            for (var k = 1; k < definition.PrimaryKey.Count; k++)
            {
                var at = k;
                ordered = ordered.ThenBy(r => long.TryParse(Part(r, at), CultureInfo.InvariantCulture, out var n) ? n : 0).ThenBy(r => Part(r, at), StringComparer.Ordinal);
            }
            var script = ordered.ToList();
            Assert.True(script.Count == duck.Count, $"{table}: script has {script.Count} rows, DuckDB {duck.Count}");
            for (var i = 0; i < script.Count; i++)
                Assert.True(script[i] == duck[i], $"{table} row {i}:\n script {script[i]}\n duckdb {duck[i]}");
        }
    }

    [Fact]
    public void Every_post_deployment_statement_is_a_keyed_MERGE_a_backfill_a_scrub_or_a_summary_rebuild_so_redeploying_is_idempotent()
    {
        var script = ReadPostDeploy();
        var parsed = new TSql160Parser(true).Parse(new StringReader(script), out var errors);
        Assert.Empty(errors);
        var statements = ((TSqlScript)parsed).Batches.SelectMany(b => b.Statements).ToList();
        // Backfills only change rows whose value differs from the one they compute (the DuckDB upgrade test runs one).
        var backfills = ColumnBackfills.ByColumn.Values.Select(b => Squeeze(b.Sql)).ToHashSet();
        // Scrubs only change rows an earlier release wrote, and mark them done (the DuckDB upgrade test runs them twice).
        backfills.UnionWith(DataScrubs.All.Select(s => Squeeze(s.Sql)));
        Assert.Equal(backfills.Count, statements.Count(s => s is UpdateStatement));
        // A summary is rebuilt whole from the facts, in its own transaction: the same rows however often it runs.
        var rebuilds = FactSummaries.All.SelectMany(r => r.Rebuild).Select(Squeeze).ToHashSet();
        Assert.Equal(rebuilds.Count, statements.Count(s => s is DeleteStatement or InsertStatement));
        Assert.Equal(FactSummaries.All.Count, statements.Count(s => s is BeginTransactionStatement));
        Assert.Equal(FactSummaries.All.Count, statements.Count(s => s is CommitTransactionStatement));
        // A guarded statement is an IF NOT EXISTS (...) around whatever it guards: safe to run again.
        Assert.All(statements, s => Assert.True(
            s is MergeStatement or PrintStatement or PredicateSetStatement or SetIdentityInsertStatement
              || s is IfStatement { Predicate: BooleanNotExpression { Expression: ExistsPredicate } }
              || s is UpdateStatement && backfills.Contains(Squeeze(script.Substring(s.StartOffset, s.FragmentLength)))
              || s is DeleteStatement or InsertStatement && rebuilds.Contains(Squeeze(script.Substring(s.StartOffset, s.FragmentLength)))
              || s is BeginTransactionStatement or CommitTransactionStatement
              || s is DeclareVariableStatement { Declarations: [{ VariableName.Value: "@LineageKey" }] },
            $"unguarded statement in post-deployment script: {s.GetType().Name}"));
        Assert.All(statements.OfType<MergeStatement>(), m => Assert.Contains(m.MergeSpecification.ActionClauses,
            a => a.Condition == MergeCondition.NotMatchedByTarget && a.Action is InsertMergeAction));
    }

    [Fact]
    public void No_post_deployment_MERGE_deletes_or_matches_on_anything_but_the_table_key()
    {
        // Persons, office versions and lineage rows are added by loads, not by the reference CSVs: a MERGE that deleted
        // rows missing from its source would be idempotent and still wipe the warehouse on every redeploy.
        var parsed = (TSqlScript)new TSql160Parser(true).Parse(new StringReader(ReadPostDeploy()), out _);
        var merges = parsed.Batches.SelectMany(b => b.Statements).OfType<MergeStatement>().ToList();
        Assert.NotEmpty(merges);
        foreach (var merge in merges)
        {
            var target = (NamedTableReference)merge.MergeSpecification.Target;
            var table = fixture.Model.Table($"{target.SchemaObject.SchemaIdentifier.Value}.{target.SchemaObject.BaseIdentifier.Value}");
            Assert.DoesNotContain(merge.MergeSpecification.ActionClauses, a => a.Condition == MergeCondition.NotMatchedBySource);
            Assert.DoesNotContain(merge.MergeSpecification.ActionClauses, a => a.Action is DeleteMergeAction);
            // One equality per key column (dw.PublishedFigure's key has three, joined by AND), each column to itself.
            static IEnumerable<BooleanExpression> Conjuncts(BooleanExpression e) => e is BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and
                ? Conjuncts(and.FirstExpression).Concat(Conjuncts(and.SecondExpression)) : [e];
            var columns = new List<string>();
            foreach (var conjunct in Conjuncts(merge.MergeSpecification.SearchCondition))
            {
                var on = Assert.IsType<BooleanComparisonExpression>(conjunct);
                Assert.Equal(BooleanComparisonType.Equals, on.ComparisonType);
                var sides = new[] { on.FirstExpression, on.SecondExpression }.Cast<ColumnReferenceExpression>()
                    .Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).Distinct().ToList();
                columns.Add(Assert.Single(sides));
            }
            Assert.Equal(table.PrimaryKey, columns);
        }
    }

    private string ReadPostDeploy()
    {
        using var zip = ZipFile.OpenRead(fixture.DacpacPath);
        using var reader = new StreamReader(zip.GetEntry("postdeploy.sql")!.Open());
        return reader.ReadToEnd();
    }

    private Dictionary<string, (List<string> Columns, List<string> Rows)> ScriptRows()
    {
        var parsed = (TSqlScript)new TSql160Parser(true).Parse(new StringReader(ReadPostDeploy()), out _);
        var result = new Dictionary<string, (List<string>, List<string>)>();
        foreach (var merge in parsed.Batches.SelectMany(b => b.Statements).OfType<MergeStatement>())
        {
            var target = (NamedTableReference)merge.MergeSpecification.Target;
            var name = $"{target.SchemaObject.SchemaIdentifier.Value}.{target.SchemaObject.BaseIdentifier.Value}";
            var source = (InlineDerivedTable)merge.MergeSpecification.TableReference;
            var columns = source.Columns.Select(c => c.Value).ToList();
            if (!result.TryGetValue(name, out var entry)) result[name] = entry = (columns, []);
            var definition = fixture.Model.Table(name);
            foreach (var row in source.RowValues)
                entry.Item2.Add(string.Join("|", row.ColumnValues.Select((v, i) => Normalise(LiteralValue(v), definition.Column(columns[i])))));
        }
        return result;
    }

    private static object? LiteralValue(ScalarExpression e) => e switch
    {
        CastCall { Parameter: NullLiteral } => null,
        CastCall c => LiteralValue(c.Parameter),
        StringLiteral s => s.Value,
        // BINARY(16) keys: DuckDB holds them as UHUGEINT, the big-endian number of the bytes.
        BinaryLiteral b => new System.Numerics.BigInteger(Convert.FromHexString(b.Value[2..]), isUnsigned: true, isBigEndian: true),
        IntegerLiteral i => long.Parse(i.Value, CultureInfo.InvariantCulture),
        NumericLiteral n => decimal.Parse(n.Value, CultureInfo.InvariantCulture),
        UnaryExpression { UnaryExpressionType: UnaryExpressionType.Negative, Expression: IntegerLiteral i } => -long.Parse(i.Value, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Unexpected literal {e.GetType().Name}"),
    };

    /// <summary>One text form per value whichever engine it came from, typed by the model column.</summary>
    private static string Normalise(object? value, ColumnDefinition column) => value switch
    {
        null => "NULL",
        _ when column.SqlType == "bit" => value is bool b ? (b ? "1" : "0") : Convert.ToInt64(value, CultureInfo.InvariantCulture) == 1 ? "1" : "0",
        _ when column.SqlType == "date" => value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => DateOnly.Parse((string)value, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        _ when column.SqlType == "datetime2" => (value is DateTime dt ? dt : DateTime.Parse((string)value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Squeeze(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';');
}
