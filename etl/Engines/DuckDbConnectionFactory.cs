using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

public sealed class WarehouseDatabaseException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>Opens an embedded DuckDB warehouse file, turning DuckDB's failures into one-line errors.</summary>
public static class DuckDbConnectionFactory
{
    /// <summary>Environment variable overriding DuckDB's memory limit (default <see cref="DefaultMemoryLimit"/>).</summary>
    public const string MemoryLimitVariable = "PDW_DUCKDB_MEMORY_LIMIT";
    public const string DefaultMemoryLimit = "512MB";

    public static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        try
        {
            connection.Open();
            // DuckDB's default (80% of RAM) lets its buffer pool grow with the data loaded; a fixed limit keeps
            // a load's memory flat whatever the input size (DuckDB spills to disk beyond it). Insertion order
            // is never relied on, and not preserving it lets bulk inserts stream.
            var limit = Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } v ? v : DefaultMemoryLimit;
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SET memory_limit = '{limit.Replace("'", "", StringComparison.Ordinal)}'; SET preserve_insertion_order = false";
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new WarehouseDatabaseException($"Cannot open DuckDB warehouse '{path}': {ex.Message.Split('\n')[0]}", ex);
        }
    }

    /// <summary>Opens an existing warehouse, refusing a path that holds none (a typo would otherwise create an empty file).</summary>
    public static DuckDBConnection OpenExisting(string path)
    {
        if (!File.Exists(path))
            throw new WarehouseDatabaseException($"No warehouse at '{path}': create it with `pdw warehouse init --db {path}`.");
        return Open(path);
    }
}
