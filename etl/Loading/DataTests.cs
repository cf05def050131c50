using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// One data test, as shared SQL counting the failing rows among those the batch wrote. <paramref name="FailWhere"/> is the
/// failing-row condition on its own, for the tests that count the batch's rows of one table meeting it: the loader folds
/// those of a table into one query (<see cref="DataTestQuery"/>); <paramref name="Sql"/> is the same test run alone.
/// </summary>
public sealed record DataTest(string Name, string TestType, string Table, string? Column, string Severity, string Sql, string? FailWhere = null)
{
    public bool IsError => Severity == "ERROR";
}

/// <summary>
/// One query of a batch's data tests: it returns one row with one failing-row count per test, in the order of
/// <paramref name="Tests"/>. Every row-condition test of a table shares its table's query, so a table is read once for
/// all of them (about 100 single-count queries a batch became one per table, plus one per unique key).
/// </summary>
public sealed record DataTestQuery(string Table, string Sql, IReadOnlyList<DataTest> Tests)
{
    /// <summary>
    /// The queries that run all <paramref name="tests"/>. Each test's condition becomes a 0/1 column of the table's
    /// batch rows, summed outside: SQL Server refuses a subquery (EXISTS, a relationship's NOT EXISTS) inside an
    /// aggregate, not in the select list beneath it. A condition that is unknown counts 0, as it filters the row out of
    /// the test run alone. A unique test counts duplicated keys across the table and runs as its own query.
    /// </summary>
    public static IReadOnlyList<DataTestQuery> For(IReadOnlyList<DataTest> tests)
    {
        var queries = new List<DataTestQuery>();
        foreach (var table in tests.Where(Folds).GroupBy(t => t.Table, StringComparer.Ordinal))
        {
            var folded = table.ToList();
            var flags = string.Join(",\n       ", folded.Select((t, i) => $"CASE WHEN {t.FailWhere} THEN 1 ELSE 0 END AS t{i}"));
            var sums = string.Join(", ", folded.Select((_, i) => $"CAST(COALESCE(SUM(f.t{i}), 0) AS BIGINT) AS t{i}"));
            queries.Add(new DataTestQuery(table.Key,
                $"SELECT {sums}\nFROM (SELECT {flags}\n      FROM {table.Key} WHERE {table.Key}.LineageKey = @LineageKey) AS f", folded));
        }
        queries.AddRange(tests.Where(t => !Folds(t)).Select(t => new DataTestQuery(t.Table, t.Sql, [t])));
        return queries;
    }

    /// <summary>
    /// Whether a test joins its table's query. A condition with a subquery (a relationship's NOT EXISTS, an expression's
    /// EXISTS or scalar subquery) runs alone: as a 0/1 column DuckDB must evaluate it for every batch row as a mark join
    /// built over the other table, where alone it is a filtered anti- or semi-join; folded, a FY2014 scale-1 load spent
    /// twice as long in its data tests (10.6 s against 5.1 s, same box, back to back).
    /// </summary>
    private static bool Folds(DataTest test) =>
        test.FailWhere is { } condition && !condition.Contains("SELECT", StringComparison.OrdinalIgnoreCase);
}

public sealed record DataTestResult(DataTest Test, long FailingRows)
{
    public bool Passed => FailingRows == 0;
}

/// <summary>A <c>*.tests.json</c> that cannot be turned into tests: the load stops before it starts, naming the file and the field.</summary>
public sealed class DataTestDeclarationException(string file, string field, string reason)
    : PdWarehouseException($"{file}: {field}: {reason}");

/// <summary>
/// The data tests of the dimensional model, declared next to the tables they check (dbt style):
/// not-null, unique and relationships come from the table's own DDL (its NOT NULL columns, keys and
/// foreign keys, which DuckDB does not enforce for relationships); accepted values and expressions come
/// from <c>&lt;Table&gt;.tests.json</c> beside the table's .sql file. Each test looks only at rows the batch
/// wrote (LineageKey), so checking costs what the delivery costs, not what the warehouse holds.
/// </summary>
public static class DataTestCatalog
{
    /// <summary>Test types whose tests come from <c>*.tests.json</c> rather than from the DDL.</summary>
    public static IReadOnlyList<string> DeclaredTypes { get; } = ["ACCEPTED-VALUES", "EXPRESSION"];

    private sealed record Declarations(
        [property: JsonPropertyName("acceptedValues")] List<AcceptedValues>? AcceptedValues = null,
        [property: JsonPropertyName("expressions")] List<Expression>? Expressions = null);

    private sealed record AcceptedValues(
        [property: JsonPropertyName("column")] string Column,
        [property: JsonPropertyName("values")] List<JsonElement> Values);

    private sealed record Expression(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("failWhere")] string FailWhere,
        [property: JsonPropertyName("severity")] string Severity);

    // A misspelt key ("acceptedValue") or a missing one would otherwise drop its tests without a word.
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";

    /// <summary>
    /// Every <c>*.tests.json</c> under <c>sql/</c>. Found by globbing the sources, not by asking each model table for its
    /// source file: a model read from a dacpac does not carry source file names, and that lookup skipped every table.
    /// </summary>
    public static IReadOnlyList<string> DeclarationFiles(WarehouseSources sources) =>
        Directory.EnumerateFiles(sources.SqlDirectory, "*.tests.json", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<DataTest> Load(WarehouseSources sources, WarehouseModel model)
    {
        var tests = new List<DataTest>();
        foreach (var table in model.Tables.Where(t => t.Schema == "dw"))
        {
            var scope = $"{table.FullName}.LineageKey = @LineageKey";
            // One scan checks every NOT NULL column of the table: the test's cost is per table, not per column.
            var required = table.Columns.Where(c => !c.IsNullable).Select(c => c.Name).ToList();
            var anyNull = $"({string.Join(" OR ", required.Select(c => c + " IS NULL"))})";
            tests.Add(new DataTest($"{table.Name} not null ({required.Count} columns)", "NOT-NULL", table.FullName, Truncate(string.Join(",", required), 128), "ERROR",
                $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND {anyNull}", anyNull));
            foreach (var key in table.UniqueKeys)
            {
                var match = string.Join(" AND ", key.Select(c => $"b.{c} = k.{c}"));
                // The batch's distinct keys joined to the table: DuckDB builds on the small side and filters the scan by
                // its key range. The same test as EXISTS (NULLs match nothing either way), which cost 5 times as much on
                // a 7 M-row fact table and grew with it.
                tests.Add(new DataTest($"{table.Name} unique ({string.Join(", ", key)})", "UNIQUE", table.FullName, string.Join(",", key), "ERROR",
                    $"SELECT COUNT(*) FROM (SELECT {string.Join(", ", key.Select(c => "k." + c))} FROM {table.FullName} AS k " +
                    $"JOIN (SELECT DISTINCT {string.Join(", ", key)} FROM {table.FullName} WHERE LineageKey = @LineageKey) AS b ON {match} " +
                    $"GROUP BY {string.Join(", ", key.Select(c => "k." + c))} HAVING COUNT(*) > 1) AS duplicates"));
            }
            foreach (var fk in table.ForeignKeys)
            {
                var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, r) => $"r.{r} = {table.FullName}.{c}"));
                var missing = $"NOT EXISTS (SELECT 1 FROM {fk.ReferencedTable} AS r WHERE {match})";
                tests.Add(new DataTest($"{table.Name}.{string.Join(",", fk.Columns)} references {fk.ReferencedTable}", "RELATIONSHIP", table.FullName,
                    string.Join(",", fk.Columns), "ERROR",
                    $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND {missing}", missing));
            }
        }
        foreach (var file in DeclarationFiles(sources)) tests.AddRange(Declared(sources, model, file));
        return tests;
    }

    /// <summary>The tests of one <c>sql/&lt;schema&gt;/…/&lt;Table&gt;.tests.json</c>; a table or column the model lacks is an error, never a skip.</summary>
    private static IEnumerable<DataTest> Declared(WarehouseSources sources, WarehouseModel model, string file)
    {
        var relative = sources.RelativePath(file);
        var schema = Path.GetRelativePath(sources.SqlDirectory, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        var name = Path.GetFileName(file)[..^".tests.json".Length];
        var table = model.Tables.FirstOrDefault(t => t.Schema == schema && t.Name == name)
            ?? throw new DataTestDeclarationException(relative, "(file name)", $"declares tests for {schema}.{name}, which the model has no table of");
        if (table.Columns.All(c => c.Name != "LineageKey"))
            throw new DataTestDeclarationException(relative, "(file name)", $"{table.FullName} has no LineageKey, so no test can look at the rows a batch wrote");
        Declarations declared;
        try { declared = JsonSerializer.Deserialize<Declarations>(File.ReadAllText(file), Strict) ?? throw new JsonException("the file holds null"); }
        catch (JsonException ex) { throw new DataTestDeclarationException(relative, $"line {ex.LineNumber.GetValueOrDefault() + 1} {ex.Path ?? "(json)"}", ex.Message); }
        if ((declared.AcceptedValues?.Count ?? 0) + (declared.Expressions?.Count ?? 0) == 0)
            throw new DataTestDeclarationException(relative, "(file)", "declares no test");

        var scope = $"{table.FullName}.LineageKey = @LineageKey";
        var tests = new List<DataTest>();
        foreach (var (a, i) in (declared.AcceptedValues ?? []).Select((a, i) => (a, i)))
        {
            var field = $"acceptedValues[{i}]";
            var column = table.Columns.FirstOrDefault(c => c.Name == a.Column)
                ?? throw new DataTestDeclarationException(relative, field, $"{table.FullName} has no column {a.Column}");
            if (column.SqlType == "bit")
                throw new DataTestDeclarationException(relative, field, $"{table.FullName}.{a.Column} is BIT: its type already allows only 0 and 1, so the test could never fail");
            if (a.Values.Count == 0) throw new DataTestDeclarationException(relative, field, "lists no value");
            var list = string.Join(", ", a.Values.Select(v => v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDecimal().ToString(CultureInfo.InvariantCulture),
                JsonValueKind.String => "'" + v.GetString()!.Replace("'", "''", StringComparison.Ordinal) + "'",
                _ => throw new DataTestDeclarationException(relative, field, $"value {v.GetRawText()} is neither a number nor a string"),
            }));
            var outside = $"({a.Column} IS NOT NULL AND {a.Column} NOT IN ({list}))";
            tests.Add(new DataTest($"{table.Name}.{a.Column} accepted values", "ACCEPTED-VALUES", table.FullName, a.Column, "ERROR",
                $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND {outside}", outside));
        }
        foreach (var (e, i) in (declared.Expressions ?? []).Select((e, i) => (e, i)))
        {
            var severity = e.Severity.ToUpperInvariant();
            if (severity is not ("ERROR" or "WARN"))
                throw new DataTestDeclarationException(relative, $"expressions[{i}] ({e.Name})", $"severity must be ERROR or WARN, not {e.Severity}");
            // The columns an expression names are checked by binding its SQL against the model (SharedSqlBindingTests).
            tests.Add(new DataTest($"{table.Name}: {e.Name}", "EXPRESSION", table.FullName, null, severity,
                $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND ({e.FailWhere})", $"({e.FailWhere})"));
        }
        return tests;
    }
}
