using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>One data test, as shared SQL counting the failing rows among those the batch wrote.</summary>
public sealed record DataTest(string Name, string TestType, string Table, string? Column, string Severity, string Sql)
{
    public bool IsError => Severity == "ERROR";
}

public sealed record DataTestResult(DataTest Test, long FailingRows)
{
    public bool Passed => FailingRows == 0;
}

/// <summary>
/// The data tests of the dimensional model, declared next to the tables they check (dbt style):
/// not-null, unique and relationships come from the table's own DDL (its NOT NULL columns, keys and
/// foreign keys, which DuckDB does not enforce for relationships); accepted values and expressions come
/// from <c>&lt;Table&gt;.tests.json</c> beside the table's .sql file. Each test looks only at rows the batch
/// wrote (LineageKey), so checking costs what the delivery costs, not what the warehouse holds.
/// </summary>
public static class DataTestCatalog
{
    private sealed record Declarations(
        [property: JsonPropertyName("acceptedValues")] List<AcceptedValues>? AcceptedValues,
        [property: JsonPropertyName("expressions")] List<Expression>? Expressions);

    private sealed record AcceptedValues(
        [property: JsonPropertyName("column")] string Column,
        [property: JsonPropertyName("values")] List<JsonElement> Values);

    private sealed record Expression(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("failWhere")] string FailWhere,
        [property: JsonPropertyName("severity")] string Severity);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";

    public static IReadOnlyList<DataTest> Load(WarehouseSources sources, WarehouseModel model)
    {
        var tests = new List<DataTest>();
        foreach (var table in model.Tables.Where(t => t.Schema == "dw"))
        {
            var scope = $"{table.FullName}.LineageKey = @LineageKey";
            // One scan checks every NOT NULL column of the table: the test's cost is per table, not per column.
            var required = table.Columns.Where(c => !c.IsNullable).Select(c => c.Name).ToList();
            tests.Add(new DataTest($"{table.Name} not null ({required.Count} columns)", "NOT-NULL", table.FullName, Truncate(string.Join(",", required), 128), "ERROR",
                $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND ({string.Join(" OR ", required.Select(c => c + " IS NULL"))})"));
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
                tests.Add(new DataTest($"{table.Name}.{string.Join(",", fk.Columns)} references {fk.ReferencedTable}", "RELATIONSHIP", table.FullName,
                    string.Join(",", fk.Columns), "ERROR",
                    $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND NOT EXISTS (SELECT 1 FROM {fk.ReferencedTable} AS r WHERE {match})"));
            }

            var file = Path.Combine(sources.Root, Path.ChangeExtension(table.SourceFile, null) + ".tests.json");
            if (!File.Exists(file)) continue;
            Declarations declared;
            try { declared = JsonSerializer.Deserialize<Declarations>(File.ReadAllText(file)) ?? new Declarations(null, null); }
            catch (JsonException ex) { throw new ReferenceDataException(sources.RelativePath(file), ex.LineNumber.GetValueOrDefault() + 1, ex.Path ?? "(json)", ex.Message); }
            foreach (var a in declared.AcceptedValues ?? [])
            {
                table.Column(a.Column);
                var list = string.Join(", ", a.Values.Select(v => v.ValueKind == JsonValueKind.Number
                    ? v.GetDecimal().ToString(CultureInfo.InvariantCulture) : "'" + v.GetString()!.Replace("'", "''", StringComparison.Ordinal) + "'"));
                tests.Add(new DataTest($"{table.Name}.{a.Column} accepted values", "ACCEPTED-VALUES", table.FullName, a.Column, "ERROR",
                    $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND {a.Column} IS NOT NULL AND {a.Column} NOT IN ({list})"));
            }
            foreach (var e in declared.Expressions ?? [])
            {
                var severity = e.Severity.ToUpperInvariant();
                if (severity is not ("ERROR" or "WARN"))
                    throw new ReferenceDataException(sources.RelativePath(file), 0, e.Name, $"severity must be ERROR or WARN, not {e.Severity}");
                tests.Add(new DataTest($"{table.Name}: {e.Name}", "EXPRESSION", table.FullName, null, severity,
                    $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND ({e.FailWhere})"));
            }
        }
        return tests;
    }
}
