using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

public sealed class WarehouseDatabaseException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>Opens an embedded DuckDB warehouse file, turning DuckDB's failures into one-line errors.</summary>
public static class DuckDbConnectionFactory
{
    /// <summary>Environment variable setting DuckDB's memory limit (e.g. 4GB); unset, DuckDB's own default applies.</summary>
    public const string MemoryLimitVariable = "PDW_DUCKDB_MEMORY_LIMIT";

    public static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        try
        {
            connection.Open();
            // Insertion order is never relied on, and not preserving it lets bulk inserts stream. DuckDB's memory is
            // left at its default (80% of RAM) unless the operator caps it: a 512 MB cap made a full-scale fiscal
            // year's removals fail with "failed to pin block" in an operator that cannot spill.
            // DuckDB's allocator keeps up to 128 MB of freed memory per thread by default: between batches a load held
            // about 1 GB resident with 250 MB in use. Flushing above 16 MB, with background purging, held 690 MB for
            // the same four FY2014 deliveries (scale 0.3; bench/README.md).
            var settings = "SET preserve_insertion_order = false; SET allocator_flush_threshold = '16MB'; SET allocator_background_threads = true";
            if (Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } limit)
                settings += $"; SET memory_limit = '{limit.Replace("'", "", StringComparison.Ordinal)}'";
            using var cmd = connection.CreateCommand();
            cmd.CommandText = settings;
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
