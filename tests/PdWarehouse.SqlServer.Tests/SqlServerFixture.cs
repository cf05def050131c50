using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;
using Respawn;
using Respawn.Graph;

namespace PdWarehouse.SqlServer.Tests;

/// <summary>
/// One freshly deployed, uniquely named database per test run, a small generated delivery set, and a Respawn
/// checkpoint that empties everything a load writes. Dropped at the end, whatever happened. Does nothing when
/// PDW_SQLSERVER is not set (the tests are skipped then).
/// </summary>
public sealed partial class SqlServerFixture : IAsyncLifetime
{
    /// <summary>Dimensions loads never write: Respawn leaves them alone, so reference data survives a reset.</summary>
    private static readonly Table[] StaticReference =
    [
        new("dw", "DimDate"), new("dw", "DimComponent"), new("dw", "DimDiscretionDecision"), new("dw", "DimEnforcementActionType"),
        new("dw", "DimEnforcementPriority"), new("dw", "DimPolicy"), new("dw", "DimProcessStage"),
    ];

    private Respawner? _respawner;

    public string Root { get; } = Directory.CreateTempSubdirectory("pdw-sqlserver-").FullName;
    public string DacpacPath { get; } = Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac");
    public string Database { get; } = $"PdWarehouse_Test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
    public string ConnectionString { get; private set; } = "";
    public string Deliveries => Path.Combine(Root, "deliveries");
    public string KeyText { get; } = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 13)).ToArray());
    public bool Deployed { get; private set; }

    public async Task InitializeAsync()
    {
        var server = SqlServerFactAttribute.ConnectionString;
        if (string.IsNullOrWhiteSpace(server)) return;
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = Database }.ConnectionString;
        Deploy();
        Deployed = true;
        var generate = Pdw("generate", "--fiscal-years", "2014", "--scale", "0.002", "--seed", "11", "--dirty-rate", "0.01", "--out", Deliveries);
        if (generate.ExitCode != 0) throw new InvalidOperationException("pdw generate failed: " + generate.Err);
        await using var connection = await Open();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.SqlServer,
            SchemasToInclude = ["stg", "dw", "etl"],
            TablesToIgnore = StaticReference,
        });
    }

    /// <summary>Deploys through master, as a DBA would for a database that may not exist yet; the database is named separately.</summary>
    public void Deploy() =>
        new Deployer(DacpacPath).Deploy(new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = "master" }.ConnectionString, Database,
            new DeploymentOptions(false, false, new Dictionary<string, string>()), _ => { }, CancellationToken.None);

    public async Task<SqlConnection> Open()
    {
        var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Empties what loads write, then re-runs the dacpac's post-deployment script: Unknown members, seeded offices
    /// and countries, and etl.Lineage row 0 come back exactly as a fresh deployment leaves them.
    /// </summary>
    public async Task Reset()
    {
        await using var connection = await Open();
        await _respawner!.ResetAsync(connection);
        foreach (var batch in PostDeploymentBatches())
        {
            await using var command = new SqlCommand(batch, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    public IEnumerable<string> PostDeploymentBatches()
    {
        using var zip = ZipFile.OpenRead(DacpacPath);
        using var reader = new StreamReader(zip.GetEntry("postdeploy.sql")!.Open());
        return GoSeparator().Split(reader.ReadToEnd()).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
    }

    /// <summary>Loads one delivery again even if it already loaded: the rerun must be a no-op, not a skip.</summary>
    public BatchResult LoadOne(string delivery)
    {
        using var model = WarehouseModel.LoadDacpac(DacpacPath);
        var tests = DataTestCatalog.Load(WarehouseSources.Locate(), model);
        using var warehouse = WarehouseConnection.OpenSqlServer(ConnectionString);
        return new BatchLoader(warehouse, model, PseudonymKey.FromText(KeyText, "test"), tests, new LoadOptions { Force = true }, NoProgress.Instance, TimeProvider.System).Load(delivery);
    }

    public (int ExitCode, string Out, string Err) Pdw(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "pdw.dll"), .. args])
        { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.Environment["PDW_PSEUDONYM_KEY"] = KeyText;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Deployed)
            {
                var master = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = "master" }.ConnectionString;
                await using var connection = new SqlConnection(master);
                await connection.OpenAsync();
                SqlConnection.ClearAllPools();
                await using var drop = new SqlCommand(
                    $"ALTER DATABASE [{Database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Database}];", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        }
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
