using System.Globalization;

namespace PdWarehouse.Etl.Engines;

/// <summary>Row counts of every table of a DuckDB warehouse, by schema and name.</summary>
public static class WarehouseSummary
{
    public static IReadOnlyList<(string Table, long Rows)> TableCounts(string databasePath)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(databasePath);
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('stg', 'dw', 'etl') ORDER BY 1";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        return tables.Select(t =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {t}";
            return (t, Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture));
        }).ToList();
    }
}
