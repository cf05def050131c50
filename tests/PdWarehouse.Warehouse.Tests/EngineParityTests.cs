using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>The DuckDB warehouse is generated from the dacpac model: same tables, same columns, mapped types, nothing extra.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class EngineParityTests(WarehouseFixture fixture)
{
    private sealed record DuckColumn(string Table, string Column, int Position, string Type, bool Nullable);

    private List<DuckColumn> DuckDbColumns()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.DuckDbPath);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT c.table_schema || '.' || c.table_name, c.column_name, c.ordinal_position, c.data_type, c.is_nullable
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('main', 'information_schema', 'pg_catalog')
            ORDER BY 1, 3
            """;
        using var reader = cmd.ExecuteReader();
        var list = new List<DuckColumn>();
        while (reader.Read())
            list.Add(new DuckColumn(reader.GetString(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2)), reader.GetString(3), reader.GetString(4) == "YES"));
        return list;
    }

    [Fact]
    public void Every_model_table_exists_in_DuckDB_with_the_same_columns_nullability_and_mapped_types()
    {
        var duck = DuckDbColumns().GroupBy(c => c.Table).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var table in fixture.Model.Tables)
        {
            Assert.True(duck.ContainsKey(table.FullName), $"{table.FullName} is missing from DuckDB");
            var actual = duck[table.FullName];
            Assert.Equal(table.Columns.Select(c => c.Name), actual.Select(c => c.Column));
            foreach (var (expected, got) in table.Columns.Zip(actual))
            {
                Assert.True(expected.IsNullable == got.Nullable, $"{table.FullName}.{expected.Name}: nullability differs");
                Assert.True(DuckDbSchema.MapType(expected) == got.Type, $"{table.FullName}.{expected.Name}: {expected.SqlTypeText} should map to {DuckDbSchema.MapType(expected)}, DuckDB has {got.Type}");
            }
        }
    }

    [Fact]
    public void DuckDB_has_no_table_the_model_does_not()
    {
        var modelTables = fixture.Model.Tables.Select(t => t.FullName).ToHashSet();
        var extra = DuckDbColumns().Select(c => c.Table).Distinct().Where(t => !modelTables.Contains(t)).ToList();
        Assert.Empty(extra);
    }

    [Fact]
    public void Every_model_view_exists_in_DuckDB_with_the_same_columns()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.DuckDbPath);
        foreach (var view in fixture.Model.Views)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {view.FullName} WHERE 1 = 0";
            using var reader = cmd.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            Assert.Equal(view.Columns, names);
        }
    }
}
