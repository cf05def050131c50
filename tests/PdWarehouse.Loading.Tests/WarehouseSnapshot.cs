using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Ordered checksums of every table: equal snapshots mean row-for-row equal warehouses. Wall-clock
/// columns (when a batch ran) are left out, since two correct loads never share them.
/// </summary>
public static class WarehouseSnapshot
{
    private static readonly HashSet<string> ClockColumns = ["StartedAt", "FinishedAt", "CheckedAt"];

    public static Dictionary<string, string> Take(string path, Func<string, bool>? include = null)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(path);
        var columns = new List<(string Table, string Column)>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = """
                SELECT c.table_schema || '.' || c.table_name, c.column_name
                FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ('stg', 'dw', 'etl')
                ORDER BY 1, c.ordinal_position
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) columns.Add((r.GetString(0), r.GetString(1)));
        }
        var result = new Dictionary<string, string>();
        foreach (var table in columns.GroupBy(c => c.Table).Where(g => include?.Invoke(g.Key) ?? true))
        {
            var kept = table.Select(c => c.Column).Where(c => !ClockColumns.Contains(c)).ToList();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT {string.Join(", ", kept)} FROM {table.Key} ORDER BY ALL";
            using var r = cmd.ExecuteReader();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            while (r.Read())
            {
                rows++;
                for (var i = 0; i < r.FieldCount; i++)
                    sha.AppendData(Encoding.UTF8.GetBytes((r.IsDBNull(i) ? "\u0000" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)) + "\u001f"));
            }
            result[table.Key] = $"{rows}:{Convert.ToHexString(sha.GetHashAndReset())[..16]}";
        }
        return result;
    }

    public static void AssertEqual(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        var differing = expected.Keys.Where(k => expected[k] != actual[k]).Select(k => $"{k}: {expected[k]} vs {actual[k]}").ToList();
        Assert.True(differing.Count == 0, "tables differ: " + string.Join("; ", differing));
    }

    public static long Count(string path, string sql) => Convert.ToInt64(Scalar(path, sql), CultureInfo.InvariantCulture);

    /// <summary>A one-value query's result as invariant text.</summary>
    public static string Text(string path, string sql) => Convert.ToString(Scalar(path, sql), CultureInfo.InvariantCulture)!;

    private static object? Scalar(string path, string sql)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(path);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
