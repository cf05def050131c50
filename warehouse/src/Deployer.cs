using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac;

namespace PdWarehouse.Warehouse;

/// <summary>What a DBA decides about a deployment; the defaults are the cautious ones.</summary>
public sealed record DeploymentOptions(bool AllowDataLoss, bool DropObjectsNotInSource, IReadOnlyDictionary<string, string> Variables);

/// <summary>
/// Deploys the dacpac with DacServices, or writes the script that would: the same engine SqlPackage
/// uses, so `pdw warehouse deploy` and `SqlPackage /Action:Publish` behave alike.
/// </summary>
public sealed class Deployer(string dacpacPath)
{
    public string DacpacPath { get; } = dacpacPath;

    /// <summary>The full create script for an empty server, built offline: no connection is made.</summary>
    public string CreateScript(string database, DeploymentOptions options)
    {
        using var package = Open();
        return DacServices.GenerateCreateScript(package, database, ToDacOptions(options));
    }

    /// <summary>The upgrade script for a live database, for review before deploying.</summary>
    public string UpgradeScript(string connectionString, string database, DeploymentOptions options)
    {
        using var package = Open();
        EnsureReachable(connectionString);
        var services = new DacServices(connectionString);
        return Guard(() => services.GenerateDeployScript(package, database, ToDacOptions(options)));
    }

    public void Deploy(string connectionString, string database, DeploymentOptions options, Action<string> log, CancellationToken cancellation)
    {
        using var package = Open();
        EnsureReachable(connectionString);
        var services = new DacServices(connectionString);
        services.Message += (_, e) => log(e.Message.ToString());
        Guard(() => { services.Deploy(package, database, upgradeExisting: true, ToDacOptions(options), cancellation); return 0; });
    }

    public static string? DatabaseFromConnection(string connectionString)
    {
        try
        {
            var catalog = new SqlConnectionStringBuilder(connectionString).InitialCatalog;
            return string.IsNullOrEmpty(catalog) ? null : catalog;
        }
        catch (ArgumentException ex)
        {
            throw new DeploymentBlockedException($"The connection string is not valid: {ex.Message}");
        }
    }

    public static DacDeployOptions ToDacOptions(DeploymentOptions options)
    {
        var dac = new DacDeployOptions
        {
            BlockOnPossibleDataLoss = !options.AllowDataLoss,
            DropObjectsNotInSource = options.DropObjectsNotInSource,
            // Roles are ours to manage; logins, users and their memberships belong to the DBA.
            DoNotDropObjectTypes = [ObjectType.Users, ObjectType.Logins, ObjectType.RoleMembership, ObjectType.Permissions],
            IncludeTransactionalScripts = true,
            ScriptDatabaseOptions = false,
            CommentOutSetVarDeclarations = false,
            // A NOT NULL column added to a loaded table gets a placeholder value here and its real one from the
            // post-deployment backfill (ColumnBackfills); without it the deployment fails on the first such column.
            GenerateSmartDefaults = true,
        };
        foreach (var (name, value) in options.Variables) dac.SqlCommandVariableValues[name] = value;
        return dac;
    }

    private DacPackage Open()
    {
        if (!File.Exists(DacpacPath)) throw new DacpacNotFoundException(DacpacPath);
        return DacPackage.Load(DacpacPath, DacSchemaModelStorageType.Memory);
    }

    /// <summary>
    /// One plain connection to master first: DacServices retries an unreachable server for many minutes, printing a
    /// warning per attempt, where a DBA wants one line within the connection string's Connect Timeout.
    /// </summary>
    private static void EnsureReachable(string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try { builder = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }; }
        catch (ArgumentException ex) { throw new DeploymentBlockedException($"The connection string is not valid: {ex.Message}"); }
        using var connection = new SqlConnection(builder.ConnectionString);
        try { connection.Open(); }
        catch (SqlException ex)
        {
            throw new DeploymentBlockedException($"Cannot connect to SQL Server {builder.DataSource}: {ex.Message.Split('\n')[0].Trim()}");
        }
    }

    private static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (DacServicesException ex)
        {
            var detail = ex.Messages.FirstOrDefault(m => m.MessageType == DacMessageType.Error)?.Message ?? ex.Message;
            throw new DeploymentBlockedException($"Deployment refused: {detail.Split('\n')[0].Trim()}");
        }
        catch (SqlException ex)
        {
            throw new DeploymentBlockedException($"SQL Server: {ex.Message.Split('\n')[0]}");
        }
    }
}
