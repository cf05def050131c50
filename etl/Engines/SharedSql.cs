using System.Data.Common;
using System.Text;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;

namespace PdWarehouse.Etl.Engines;

public enum EngineKind { DuckDb, SqlServer }

/// <summary>
/// One SQL text, two engines (DESIGN §4): shared statements are written in the common subset of
/// T-SQL and DuckDB SQL with parameters as <c>@name</c>; this is the only rewrite DuckDB needs.
/// </summary>
public static class SharedSql
{
    /// <summary>Rewrites <c>@name</c> parameters to DuckDB's <c>$name</c>, leaving string literals and comments alone.</summary>
    public static string ForDuckDb(string sql)
    {
        var sb = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var end = sql.IndexOf('\'', i + 1);
                while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == '\'') end = sql.IndexOf('\'', end + 2);
                end = end < 0 ? sql.Length - 1 : end;
                sb.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length - 1 : end;
                sb.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '@' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
                sb.Append('$');
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>
/// An open warehouse on either engine. Shared SQL goes through <see cref="Prepare"/>; everything
/// engine-specific (bulk copy, DDL, deployment) lives in the engine's own classes.
/// </summary>
public sealed class WarehouseConnection : IDisposable
{
    private WarehouseConnection(EngineKind kind, DbConnection connection, string description, string? duckDbPath = null)
    {
        Kind = kind;
        Connection = connection;
        Description = description;
        _duckDbPath = duckDbPath;
    }

    private readonly string? _duckDbPath;

    public EngineKind Kind { get; }
    public DbConnection Connection { get; }
    public string Description { get; }

    public static WarehouseConnection OpenDuckDb(string path) =>
        new(EngineKind.DuckDb, DuckDbConnectionFactory.OpenExisting(path), $"DuckDB {Path.GetFullPath(path)}", path);

    public static WarehouseConnection OpenSqlServer(string connectionString)
    {
        var connection = new SqlConnection(connectionString);
        try { connection.Open(); }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException or ArgumentException)
        {
            connection.Dispose();
            throw new WarehouseDatabaseException($"Cannot connect to SQL Server: {ex.Message.Split('\n')[0]}", ex);
        }
        return new WarehouseConnection(EngineKind.SqlServer, connection, $"SQL Server {connection.DataSource}/{connection.Database}");
    }

    /// <summary>
    /// Another connection to the same warehouse, for queries run side by side (a connection runs one command at a time).
    /// On DuckDB it shares this connection's database instance and cache (DuckDB.NET opens a file once per process); on
    /// SQL Server it is a clone, which keeps the credentials an open connection no longer shows (Persist Security Info).
    /// The caller disposes it.
    /// </summary>
    public WarehouseConnection OpenSibling()
    {
        if (Kind == EngineKind.DuckDb) return OpenDuckDb(_duckDbPath!);
        var clone = (SqlConnection)((ICloneable)Connection).Clone();
        try { clone.Open(); }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException)
        {
            clone.Dispose();
            throw new WarehouseDatabaseException($"Cannot open another connection to SQL Server: {ex.Message.Split('\n')[0]}", ex);
        }
        return new WarehouseConnection(EngineKind.SqlServer, clone, Description);
    }

    /// <summary>Opens whichever the user named: <c>--connection</c> wins over <c>--db</c>.</summary>
    public static WarehouseConnection Open(string? duckDbPath, string? sqlServerConnectionString) =>
        !string.IsNullOrWhiteSpace(sqlServerConnectionString) ? OpenSqlServer(sqlServerConnectionString)
        : OpenDuckDb(duckDbPath ?? "pdw.duckdb");

    public string Prepare(string sharedSql) => Kind == EngineKind.DuckDb ? SharedSql.ForDuckDb(sharedSql) : sharedSql;

    public IEnumerable<T> Query<T>(string sharedSql, object? parameters = null, DbTransaction? transaction = null) =>
        Connection.Query<T>(Prepare(sharedSql), parameters, transaction, commandTimeout: 0);

    public int Execute(string sharedSql, object? parameters = null, DbTransaction? transaction = null) =>
        Connection.Execute(Prepare(sharedSql), parameters, transaction, commandTimeout: 0);

    public T ExecuteScalar<T>(string sharedSql, object? parameters = null, DbTransaction? transaction = null) =>
        Connection.ExecuteScalar<T>(Prepare(sharedSql), parameters, transaction, commandTimeout: 0)!;

    /// <summary>
    /// Makes a committed batch durable in the database file and visible to the next one. On DuckDB this is a
    /// CHECKPOINT: with DuckDB 1.5.6, rows a large batch committed could stay invisible to later transactions on the
    /// same connection until the next checkpoint, so the next batch numbered new keys from a stale MAX and wrote
    /// duplicate PersonKeys (seen at FY2012–2014, scale 0.3; docs/loading.md). SQL Server needs nothing.
    /// </summary>
    public void SettleCommittedBatch()
    {
        if (Kind == EngineKind.DuckDb) Connection.Execute("CHECKPOINT", commandTimeout: 0);
    }

    public void Dispose() => Connection.Dispose();
}
