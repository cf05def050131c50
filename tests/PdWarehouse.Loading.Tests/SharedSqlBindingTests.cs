using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>Every statement the loader sends is proved against the dacpac model, and stays inside the shared subset.</summary>
[Collection(LoadingCollection.Name)]
public sealed class SharedSqlBindingTests(LoadingFixture fixture)
{
    private static IEnumerable<(string Name, string Sql)> Statements(LoadingFixture fixture) =>
        LoadSql.All().Concat(PdWarehouse.Etl.Identity.KeyRotation.AllSql()).Concat(fixture.Tests.Select(t => ($"data test {t.Name}", t.Sql)))
            .Concat(DataTestQuery.For(fixture.Tests).Select(q => ($"data tests of {q.Table} ({q.Tests.Count})", q.Sql)))
            .Concat(ColumnBackfills.ByColumn.Select(b => ($"backfill {b.Key}", b.Value.Sql)))
            .Concat(DataScrubs.All.Select(s => ($"scrub {s.Name}", s.Sql)))
            .Concat(FactSummaries.All.SelectMany(s => s.Refresh.Concat(s.Rebuild).Concat(s.Relabel).Select((sql, i) => ($"summary {s.Table} statement {i + 1}", sql))));

    [Fact]
    public void Every_shared_statement_binds_against_the_dacpac_model()
    {
        var statements = Statements(fixture).ToList();
        Assert.True(statements.Count > 100, $"only {statements.Count} statements collected");
        var problems = SharedSqlBinder.Bind(fixture.Sources, statements);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10).Select(p => $"{p.Statement}: {p.Message}")));
    }

    [Fact]
    public void A_statement_naming_a_column_the_model_lacks_fails_to_bind()
    {
        var problems = SharedSqlBinder.Bind(fixture.Sources, [("renamed column", "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE ArrestMethodRenamed = @x")]);
        Assert.Contains(problems, p => p.Statement == "renamed column" && p.Message.Contains("ArrestMethodRenamed", StringComparison.Ordinal));
    }

    [Fact]
    public void No_shared_statement_uses_brackets_TOP_LIMIT_or_engine_specific_functions()
    {
        var offenders = Statements(fixture)
            .Select(s => (s.Name, Found: SharedSqlBinder.EngineSpecificConstructs(s.Sql)))
            .Where(s => s.Found.Count > 0)
            .Select(s => $"{s.Name}: {string.Join(", ", s.Found)}").ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_lint_catches_engine_specific_constructs()
    {
        Assert.Equal(["brackets", "TOP", "ISNULL"], SharedSqlBinder.EngineSpecificConstructs("SELECT TOP (1) ISNULL([a], 0) FROM t WHERE b = '[literal]'"));
    }
}
