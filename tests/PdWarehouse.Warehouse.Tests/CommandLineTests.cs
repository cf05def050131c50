using System.Diagnostics;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>The pdw host as a user runs it: real processes, exit codes and what they print.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>A folder of the test's own, deleted when the test ends (each test gets a new instance).</summary>
    private string Folder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        _folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            try { Directory.Delete(folder, recursive: true); }
            // A child process still closing a file: the OS cleans the temp folder up later.
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    internal static (int ExitCode, string Out, string Err) Pdw(params string[] args) => Pdw(new Dictionary<string, string>(), args);

    private static (int ExitCode, string Out, string Err) Pdw(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "pdw.dll"), .. args])
        { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Version_names_pdw_its_commit_and_the_DuckDB_and_DacFx_it_carries()
    {
        var result = Pdw("--version");
        Assert.True(result.ExitCode == 0, result.Err);
        var line = Assert.Single(result.Out.Trim().Split('\n'));
        // The commit is the full id the SDK stamps from git; the engine versions are the loaded assemblies' own.
        Assert.Matches(@"^pdw \d+\.\d+\.\d+ \(commit [0-9a-f]{40}\); DuckDB v\d+\.\d+\.\d+ \(DuckDB\.NET \d+(\.\d+)+\); DacFx \d+(\.\d+)+$", line.TrimEnd('\r'));
        var duckDbNet = typeof(DuckDB.NET.Data.DuckDBConnection).Assembly.GetName().Version!;
        Assert.Contains($"DuckDB.NET {duckDbNet.Major}.{duckDbNet.Minor}.{duckDbNet.Build}", line);
    }

    [Fact]
    public void A_bare_pdw_prints_help_with_the_first_commands_and_exits_zero()
    {
        var result = Pdw();
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("USAGE:", result.Out);
        Assert.Contains("pdw --version", result.Out);
        Assert.Contains("pdw warehouse init --db pdw.duckdb", result.Out);
        foreach (var command in new[] { "warehouse", "report", "key", "load", "generate" }) Assert.Contains(command, result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Init_then_summary_prints_what_it_did_and_the_table_counts()
    {
        var db = Path.Combine(Folder("pdw-cli-"), "w.duckdb");
        var init = Pdw("warehouse", "init", "--db", db);
        Assert.True(init.ExitCode == 0, init.Err);
        Assert.Contains("Created DuckDB warehouse", init.Out);

        var again = Pdw("warehouse", "init", "--db", db);
        Assert.Contains("Updated existing DuckDB warehouse", again.Out);
        Assert.Contains("0 rows inserted, 0 updated", again.Out);

        var summary = Pdw("warehouse", "summary", "--db", db);
        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("dw.DimDate", summary.Out);
        Assert.Contains("9,863", summary.Out);
    }

    [Fact]
    public void A_command_that_exceeds_DuckDBs_memory_limit_says_so_in_two_lines_without_a_stack_trace()
    {
        var db = Path.Combine(Folder("pdw-cli-"), "w.duckdb");
        var result = Pdw(new Dictionary<string, string> { ["PDW_DUCKDB_MEMORY_LIMIT"] = "2MB" }, "warehouse", "init", "--db", db);
        Assert.Equal(1, result.ExitCode);
        var lines = result.Err.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("pdw: Out of Memory", lines[0], StringComparison.Ordinal);
        Assert.Equal("pdw: DuckDB reached its memory limit (2MB) and the transaction rolled back. Set PDW_DUCKDB_MEMORY_LIMIT higher (e.g. 4GB) and run the command again.", lines[1]);
        Assert.False(File.Exists(db), "a failed first init left a warehouse file behind");
    }

    [Fact]
    public void A_missing_dacpac_is_one_clear_line_and_a_non_zero_exit()
    {
        var result = Pdw("warehouse", "init", "--db", Path.Combine(Path.GetTempPath(), "never.duckdb"), "--dacpac", "/nonexistent/x.dacpac");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("pdw: No dacpac at '/nonexistent/x.dacpac': run `pdw warehouse build` or pass --dacpac FILE.", result.Err.Trim());
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void Summary_of_a_missing_warehouse_refuses_rather_than_creating_an_empty_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.duckdb");
        var result = Pdw("warehouse", "summary", "--db", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No warehouse at", result.Err);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Script_writes_the_create_script_and_deploys_nothing()
    {
        var file = Path.Combine(Folder("pdw-script-"), "create.sql");
        var result = Pdw("warehouse", "script", "--out", file);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("Nothing was deployed", result.Out);
        Assert.Contains("CREATE TABLE [dw].[FactDiscretionDecision]", File.ReadAllText(file));
    }

    [Fact]
    public void Build_compiles_the_sources_into_a_dacpac()
    {
        var file = Path.Combine(Folder("pdw-build-"), "x.dacpac");
        var result = Pdw("warehouse", "build", "--out", file);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.True(new FileInfo(file).Length > 10_000);
    }

    [Fact]
    public void Script_takes_SQLCMD_variables_as_deploy_does_and_refuses_a_malformed_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdw-create-{Guid.NewGuid():N}.sql");
        var result = Pdw("warehouse", "script", "--out", file, "--variable", "Environment=Staging");
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains(":setvar Environment \"Staging\"", File.ReadAllText(file));
        File.Delete(file);

        var bad = Pdw("warehouse", "script", "--out", file, "--variable", "Environment");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("NAME=VALUE", bad.Err);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Deploy_without_a_reachable_server_fails_in_one_line()
    {
        var result = Pdw("warehouse", "deploy", "--connection", "Server=127.0.0.1,1;Database=PdWarehouse;User Id=x;Password=y;Connect Timeout=2;TrustServerCertificate=true");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.StartsWith("pdw: ", result.Err);
    }
}
