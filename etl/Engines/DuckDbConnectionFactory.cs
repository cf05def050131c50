using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

public sealed class WarehouseDatabaseException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>Opens an embedded DuckDB warehouse file, turning DuckDB's failures into one-line errors.</summary>
public static class DuckDbConnectionFactory
{
    /// <summary>Environment variable setting DuckDB's memory limit (e.g. 4GB); unset, <see cref="DefaultMemoryLimit"/>.</summary>
    public const string MemoryLimitVariable = "PDW_DUCKDB_MEMORY_LIMIT";

    /// <summary>
    /// DuckDB's own default is 80 % of RAM, and its buffer pool keeps the warehouse's blocks cached up to it, so a load's
    /// peak grew with the warehouse (1.66 GB for FY2014 at scale 1, 3.08 GB for FY2012-2014). With 1 GB the same loads
    /// took the same time (183.8 s against 183.9 s) and peaked at 1.48 and 1.63 GB; 512 MB failed a full-scale batch.
    /// </summary>
    public const string DefaultMemoryLimit = "1GB";

    private static string? ConfiguredMemoryLimit =>
        Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } limit ? limit : null;

    /// <summary>What to tell an operator whose command failed because DuckDB hit its memory limit; null for other failures.</summary>
    public static string? MemoryLimitHint(Exception failure)
    {
        var message = failure.Message;
        if (!message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase) && !message.Contains("failed to pin block", StringComparison.OrdinalIgnoreCase))
            return null;
        var limit = ConfiguredMemoryLimit ?? $"{DefaultMemoryLimit}, the default";
        return $"DuckDB reached its memory limit ({limit}) and the transaction rolled back. Set {MemoryLimitVariable} higher (e.g. 4GB) and run the command again.";
    }

    public static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        try
        {
            connection.Open();
            // Insertion order is never relied on, and not preserving it lets bulk inserts stream.
            // DuckDB's allocator keeps up to 128 MB of freed memory per thread by default: between batches a load held
            // about 1 GB resident with 250 MB in use. Flushing above 16 MB, with background purging, held 690 MB for
            // the same four FY2014 deliveries (scale 0.3; bench/README.md).
            var limit = ConfiguredMemoryLimit ?? DefaultMemoryLimit;
            var settings = "SET preserve_insertion_order = false; SET allocator_flush_threshold = '16MB'; SET allocator_background_threads = true; "
                + $"SET memory_limit = '{limit.Replace("'", "", StringComparison.Ordinal)}'";
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
