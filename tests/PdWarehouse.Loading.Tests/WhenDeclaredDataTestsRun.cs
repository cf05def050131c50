using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The accepted-values and expression tests of <c>warehouse/sql/**/*.tests.json</c> run on every load, every one of them
/// (counted from the source tree, not from the runner), each can fail, and a declaration the model cannot honour stops
/// the load instead of being skipped.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenDeclaredDataTestsRun(LoadingFixture fixture)
{
    /// <summary>The declarations as the source tree holds them, read without the runner: (table, test name) pairs.</summary>
    private static List<(string Table, string Name)> DeclaredInSourceTree()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PdWarehouse.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var declared = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "warehouse", "sql"), "*.tests.json", SearchOption.AllDirectories))
        {
            var table = Path.GetFileName(file)[..^".tests.json".Length];
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (json.RootElement.TryGetProperty("acceptedValues", out var accepted))
                foreach (var a in accepted.EnumerateArray()) declared.Add((table, $"{table}.{a.GetProperty("column").GetString()} accepted values"));
            if (json.RootElement.TryGetProperty("expressions", out var expressions))
                foreach (var e in expressions.EnumerateArray()) declared.Add((table, $"{table}: {e.GetProperty("name").GetString()}"));
        }
        return declared;
    }

    private static string DacaRow(string receipt, string aNumber) =>
        string.Join(",", receipt, "NBC", "INITIAL", "2014-01-02", "2014-01-03", "APPROVED", "2014-03-04", "SELF", aNumber, "", "Garcia", "Jose", "1995-02-03", "M", "MX");

    /// <summary>One warehouse with a batch of each fact feed a declaration checks, and persons.</summary>
    private string LoadedWarehouse(out List<BatchResult> batches)
    {
        var db = fixture.NewWarehouse();
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;
        batches =
        [
            fixture.Load(db, Write(folder, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-01-06", aNumber: "A2")])),
            fixture.Load(db, Write(folder, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-02-05", aNumber: "A1"), EroDecision("D2", "2014-02-06", aNumber: "A3")])),
            fixture.Load(db, Write(folder, "uscis-daca-requests", [DacaRow("NBC1", "A4").Split(','), DacaRow("NBC2", "A5").Split(',')])),
        ];
        Assert.All(batches, b => Assert.Equal("SUCCEEDED", b.Status));
        return db;
    }

    [Fact]
    public void Every_test_declared_in_the_source_tree_runs_on_every_load_and_lands_in_DataQualityResult()
    {
        var declared = DeclaredInSourceTree();
        Assert.True(declared.Count >= 19, $"only {declared.Count} declarations found");
        var db = LoadedWarehouse(out var batches);
        foreach (var batch in batches)
        {
            using var w = WarehouseConnection.OpenDuckDb(db);
            var ran = w.Query<string>(
                "SELECT TestName FROM etl.DataQualityResult WHERE LineageKey = @L AND TestType IN ('ACCEPTED-VALUES', 'EXPRESSION')", new { L = batch.LineageKey }).ToList();
            Assert.Equal(declared.Count, ran.Count);
            Assert.Equal(declared.Select(d => d.Name).Order(StringComparer.Ordinal), ran.Order(StringComparer.Ordinal));
            Assert.Equal(declared.Count, batch.DataTests.Count(t => DataTestCatalog.DeclaredTypes.Contains(t.Test.TestType)));
        }
    }

    /// <summary>
    /// How to break one row so each declared test must count it; {T} is the table, {K} its first key column, {R} the
    /// broken row's key. A declaration added without a way to break it fails <see cref="Every_declared_test_counts_a_row_that_breaks_it"/>.
    /// </summary>
    private static readonly Dictionary<string, string> Breakers = new(StringComparer.Ordinal)
    {
        ["DimOffice: a version ends after it begins"] = "UPDATE {T} SET ValidTo = ValidFrom WHERE {K} = {R}",
        ["DimOffice: one current version per office"] = "INSERT INTO {T} SELECT * REPLACE ((SELECT MAX({K}) + 1 FROM {T}) AS {K}, true AS IsCurrent) FROM {T} WHERE {K} = {R}",
        ["DimCountry: a code kept unlisted has region Unknown until a reference list brings it"] = "UPDATE {T} SET IsInReferenceList = false, Region = 'Asia' WHERE {K} = {R}",
        ["DimPerson: citizenship is a country member (listed, kept unlisted, or ZZ Unknown)"] = "UPDATE {T} SET CitizenshipCountryCode = 'Q1' WHERE {K} = {R}",
        ["DimPerson: a version ends after it begins"] = "UPDATE {T} SET ValidTo = ValidFrom WHERE {K} = {R}",
        ["DimPerson: one current version per person"] = "INSERT INTO {T} SELECT * REPLACE ((SELECT MAX({K}) + 1 FROM {T}) AS {K}, true AS IsCurrent) FROM {T} WHERE {K} = {R}",
        ["DimPerson: every version carries the first version's key as PersonId"] = "UPDATE {T} SET PersonId = PersonId + 1000000 WHERE {K} = {R}",
        ["FactEnforcementAction: event date is known"] = "UPDATE {T} SET EventDateKey = 0 WHERE {K} = {R}",
        ["FactEnforcementAction: action type is known"] = "UPDATE {T} SET EnforcementActionTypeKey = 0 WHERE {K} = {R}",
        ["FactDiscretionDecision: a person's first record of a decision is not a repeat, later ones are"] = "UPDATE {T} SET IsRepeatAtLaterStage = NOT IsRepeatAtLaterStage WHERE {K} = {R}",
        ["FactDiscretionDecision: decision date is known"] = "UPDATE {T} SET DecisionDateKey = 0 WHERE {K} = {R}",
        ["FactDeferredActionRequest: every DACA decision date is on or after its receipt date"] = "UPDATE {T} SET DecisionDateKey = 20000101 WHERE {K} = {R}",
        ["FactDeferredActionRequest: every DACA acceptance date is on or after its receipt date"] = "UPDATE {T} SET AcceptedDateKey = 20000101 WHERE {K} = {R}",
        ["FactDeferredActionRequest: approved and denied requests have a decision date"] = "UPDATE {T} SET RequestStatus = 'DENIED', DecisionDateKey = 0 WHERE {K} = {R}",
    };

    [Fact]
    public void Every_declared_test_counts_a_row_that_breaks_it()
    {
        var declared = fixture.Tests.Where(t => DataTestCatalog.DeclaredTypes.Contains(t.TestType)).ToList();
        Assert.Equal(DeclaredInSourceTree().Count, declared.Count);
        var db = LoadedWarehouse(out _);
        using var connection = DuckDbConnectionFactory.OpenExisting(db);
        foreach (var test in declared)
        {
            var table = fixture.Model.Table(test.Table);
            var key = table.PrimaryKey[0];
            // The batch that wrote the table last (the seed, 0, for dimensions no batch of this warehouse wrote), and one of its rows.
            var lineage = Scalar(connection, null, $"SELECT MAX(LineageKey) FROM {table.FullName} WHERE {key} <> 0");
            var row = Scalar(connection, null, $"SELECT MAX({key}) FROM {table.FullName} WHERE LineageKey = {lineage}" +
                (table.Columns.Any(c => c.Name == "IsCurrent") ? " AND IsCurrent" : ""));
            using var tx = connection.BeginTransaction();
            Assert.True(Run(connection, tx, test, lineage) == 0, $"{test.Name} fails on clean data");
            var breaker = test.TestType == "ACCEPTED-VALUES"
                ? $"UPDATE {{T}} SET {test.Column} = {(IsText(table.Column(test.Column!)) ? "'NOT-ACCEPTED'" : "99")} WHERE {{K}} = {{R}}"
                : Breakers.GetValueOrDefault(test.Name) ?? throw new Xunit.Sdk.XunitException($"no way to break declared test '{test.Name}': add one to Breakers");
            Execute(connection, tx, breaker.Replace("{T}", table.FullName).Replace("{K}", key).Replace("{R}", row.ToString(CultureInfo.InvariantCulture)));
            Assert.True(Run(connection, tx, test, lineage) > 0, $"{test.Name} did not count the row broken for it");
            tx.Rollback();
        }
    }

    /// <summary>
    /// The loader runs a table's row-condition tests without a subquery folded into one query (issue 20, item 5). Each test, broken one row at
    /// a time (every declared test, and every relationship whose column is no key), must count in the folded query exactly
    /// what it counts run alone, the broken one more than zero, and every test of the catalog must be in one query only.
    /// </summary>
    [Fact]
    public void Folded_into_one_query_per_table_every_test_counts_what_it_counts_alone()
    {
        var queries = DataTestQuery.For(fixture.Tests);
        var folded = queries.SelectMany(q => q.Tests).ToList();
        Assert.Equal(fixture.Tests.Count, folded.Count);
        Assert.True(fixture.Tests.All(t => folded.Count(f => ReferenceEquals(f, t)) == 1), "a test is in no folded query, or in two");
        Assert.True(queries.Count(q => q.Tests.Count > 1) >= 5, $"only {queries.Count(q => q.Tests.Count > 1)} queries run more than one test: not folded");

        var db = LoadedWarehouse(out _);
        using var connection = DuckDbConnectionFactory.OpenExisting(db);
        var broken = fixture.Tests.Where(t => DataTestCatalog.DeclaredTypes.Contains(t.TestType)).Select(t => (Test: t, Breaker: (string?)null))
            .Concat(fixture.Tests.Where(t => t.TestType == "RELATIONSHIP" && !fixture.Model.Table(t.Table).UniqueKeys.Any(k => k.Contains(t.Column!.Split(',')[0])))
                .Select(t => (Test: t, Breaker: (string?)$"UPDATE {{T}} SET {t.Column!.Split(',')[0]} = 251 WHERE {{K}} = {{R}}")))
            .ToList();
        var relationshipsBroken = 0;
        foreach (var (test, relationshipBreaker) in broken)
        {
            var table = fixture.Model.Table(test.Table);
            var key = table.PrimaryKey[0];
            // A relationship of a table this warehouse holds no row of (one the three batches do not write) has nothing to break.
            if (Scalar(connection, null, $"SELECT COUNT(*) FROM {table.FullName} WHERE {key} <> 0") == 0 && relationshipBreaker is not null) continue;
            if (relationshipBreaker is not null) relationshipsBroken++;
            var lineage = Scalar(connection, null, $"SELECT MAX(LineageKey) FROM {table.FullName} WHERE {key} <> 0");
            var row = Scalar(connection, null, $"SELECT MAX({key}) FROM {table.FullName} WHERE LineageKey = {lineage}" +
                (table.Columns.Any(c => c.Name == "IsCurrent") ? " AND IsCurrent" : ""));
            var breaker = relationshipBreaker ?? (test.TestType == "ACCEPTED-VALUES"
                ? $"UPDATE {{T}} SET {test.Column} = {(IsText(table.Column(test.Column!)) ? "'NOT-ACCEPTED'" : "99")} WHERE {{K}} = {{R}}"
                : Breakers[test.Name]);
            using var tx = connection.BeginTransaction();
            Execute(connection, tx, breaker.Replace("{T}", table.FullName).Replace("{K}", key).Replace("{R}", row.ToString(CultureInfo.InvariantCulture)));
            // The broken row's batch, and a batch that wrote nothing: a folded test looks at the batch's rows only.
            foreach (var batch in new[] { lineage, lineage + 1000 })
                foreach (var query in queries.Where(q => q.Table == test.Table))
                {
                    var counts = RunFolded(connection, tx, query, batch);
                    for (var i = 0; i < query.Tests.Count; i++)
                        Assert.True(counts[i] == Run(connection, tx, query.Tests[i], batch),
                            $"batch {batch}, with {test.Name} broken: {query.Tests[i].Name} counts {counts[i]} folded and {Run(connection, tx, query.Tests[i], batch)} alone");
                    if (batch == lineage && query.Tests.Contains(test))
                        Assert.True(counts[query.Tests.ToList().IndexOf(test)] > 0, $"{test.Name} did not count the row broken for it");
                }
            tx.Rollback();
        }
        Assert.True(relationshipsBroken >= 10, $"only {relationshipsBroken} relationships broken");
    }

    private static long[] RunFolded(DuckDBConnection connection, DuckDBTransaction tx, DataTestQuery query, long lineage)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = SharedSql.ForDuckDb(query.Sql);
        cmd.Parameters.Add(new DuckDBParameter("LineageKey", (int)lineage));
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        return Enumerable.Range(0, query.Tests.Count).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
    }

    private static bool IsText(ColumnDefinition c) => c.SqlType is "char" or "varchar" or "nchar" or "nvarchar";

    private static long Run(DuckDBConnection connection, DuckDBTransaction tx, DataTest test, long lineage)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = SharedSql.ForDuckDb(test.Sql);
        cmd.Parameters.Add(new DuckDBParameter("LineageKey", (int)lineage));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Scalar(DuckDBConnection connection, DuckDBTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, DuckDBTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>A copy of the warehouse sources with one declaration file replaced.</summary>
    private WarehouseSources SourcesWith(string relativePath, string json)
    {
        var root = Path.Combine(fixture.Root, "sources-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "sql"));
        foreach (var file in DataTestCatalog.DeclarationFiles(fixture.Sources))
        {
            var target = Path.Combine(root, Path.GetRelativePath(fixture.Sources.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var path = Path.Combine(root, "sql", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return WarehouseSources.Open(root);
    }

    [Theory]
    [InlineData("dw/Tables/DimNoSuchTable.tests.json", """{ "expressions": [ { "name": "x", "severity": "ERROR", "failWhere": "1 = 1" } ] }""", "dw.DimNoSuchTable")]
    [InlineData("dw/Tables/DimCountry.tests.json", """{ "acceptedValues": [ { "column": "Regoin", "values": ["Asia"] } ] }""", "no column Regoin")]
    [InlineData("dw/Tables/DimCountry.tests.json", """{ "acceptedValue": [ { "column": "Region", "values": ["Asia"] } ] }""", "acceptedValue")]
    [InlineData("dw/Tables/DimCountry.tests.json", """{ "acceptedValues": [ { "values": ["Asia"] } ] }""", "column")]
    [InlineData("dw/Tables/DimCountry.tests.json", """{ "acceptedValues": [ { "column": "Region", "values": [] } ] }""", "lists no value")]
    [InlineData("dw/Tables/FactDiscretionDecision.tests.json", """{ "acceptedValues": [ { "column": "IsRepeatAtLaterStage", "values": [0, 1] } ] }""", "could never fail")]
    [InlineData("dw/Tables/DimCountry.tests.json", """{ "expressions": [ { "name": "x", "severity": "INFO", "failWhere": "1 = 1" } ] }""", "severity")]
    [InlineData("dw/Tables/DimCountry.tests.json", "{ }", "declares no test")]
    public void A_declaration_the_model_cannot_honour_stops_the_load_naming_its_file(string file, string json, string expected)
    {
        var ex = Assert.Throws<DataTestDeclarationException>(() => DataTestCatalog.Load(SourcesWith(file, json), fixture.Model));
        Assert.Contains("sql/" + file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
