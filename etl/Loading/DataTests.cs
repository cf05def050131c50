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

    public static IReadOnlyList<DataTest> Load(WarehouseSources sources, WarehouseModel model)
    {
        var tests = new List<DataTest>();
        foreach (var table in model.Tables.Where(t => t.Schema == "dw"))
        {
            var scope = $"{table.FullName}.LineageKey = @LineageKey";
            foreach (var column in table.Columns.Where(c => !c.IsNullable))
                tests.Add(new DataTest($"{table.Name}.{column.Name} not null", "NOT-NULL", table.FullName, column.Name, "ERROR",
                    $"SELECT COUNT(*) FROM {table.FullName} WHERE {scope} AND {column.Name} IS NULL"));
            foreach (var key in table.UniqueKeys)
            {
                var match = string.Join(" AND ", key.Select(c => $"b.{c} = k.{c}"));
                tests.Add(new DataTest($"{table.Name} unique ({string.Join(", ", key)})", "UNIQUE", table.FullName, string.Join(",", key), "ERROR",
                    $"SELECT COUNT(*) FROM (SELECT {string.Join(", ", key.Select(c => "k." + c))} FROM {table.FullName} AS k " +
                    $"WHERE EXISTS (SELECT 1 FROM {table.FullName} AS b WHERE b.LineageKey = @LineageKey AND {match}) " +
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
