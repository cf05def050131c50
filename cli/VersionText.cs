using System.Reflection;
using DuckDB.NET.Data;
using Microsoft.SqlServer.Dac;

namespace PdWarehouse.Cli;

/// <summary>
/// What `pdw --version` prints: pdw's version and the commit it was built from, and the versions of the two engines
/// that decide what it can read and write (DuckDB: which command-line client opens its warehouse files; DacFx: which
/// SQL Server versions its dacpac and deploy support).
/// </summary>
internal static class VersionText
{
    public static string Describe()
    {
        var (version, commit) = Split(typeof(VersionText).Assembly);
        return $"pdw {version} (commit {commit ?? "unknown: built outside a git checkout"}); " +
            $"DuckDB {DuckDbVersion()} (DuckDB.NET {Split(typeof(DuckDBConnection).Assembly).Version}); " +
            $"DacFx {Split(typeof(DacServices).Assembly).Version}";
    }

    // The SDK stamps the informational version as "1.0.0+<full commit id>" when it builds in a git checkout.
    private static (string Version, string? Commit) Split(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }

    // The engine's own word, from an in-memory database: the version the bundled native library really is.
    private static string DuckDbVersion()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return command.ExecuteScalar()?.ToString() ?? "unknown";
    }
}
