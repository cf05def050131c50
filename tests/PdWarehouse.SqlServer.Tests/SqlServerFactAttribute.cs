namespace PdWarehouse.SqlServer.Tests;

/// <summary>
/// A test that needs a SQL Server. Without PDW_SQLSERVER it is reported as skipped with the reason, never as passed:
/// a green run on a machine without a server must not read as "SQL Server works".
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "PDW_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"{Variable} is not set: set it to a SQL Server connection string (a login that may create databases) to run the SQL Server integration suite; see docs/operations.md.";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
