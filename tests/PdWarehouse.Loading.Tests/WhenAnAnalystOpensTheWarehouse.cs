using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The demo ends by telling an analyst to open the warehouse read-only with the DuckDB CLI and try one query against an
/// `rpt` view. No DuckDB CLI can be installed on the build machines (Debian ships none), so another process opens the
/// file read-only through the DuckDB.NET provider, from PowerShell, while nothing else holds it, and runs that very query.
/// </summary>
[Collection(TruthCollection.Name)]
public sealed partial class WhenAnAnalystOpensTheWarehouse(TruthFixture f)
{
    [GeneratedRegex(@"^\$DemoQuery = '(?<sql>[^']+)'\s*$", RegexOptions.Multiline)]
    private static partial Regex DemoQueryLine();

    private static string DemoQuery()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "build.ps1"))) root = Path.GetDirectoryName(root) ?? throw new FileNotFoundException("build.ps1 not found above the test folder");
        var match = DemoQueryLine().Match(File.ReadAllText(Path.Combine(root, "build.ps1")));
        Assert.True(match.Success, "build.ps1 no longer sets $DemoQuery on one line");
        return match.Groups["sql"].Value;
    }

    [Fact]
    public async Task The_demos_example_query_runs_in_another_process_that_opens_the_file_read_only()
    {
        Assert.True(f.Load.ExitCode == 0, f.Load.Err);
        var query = DemoQuery();
        Assert.Contains("rpt.", query);

        // Read-only, as `duckdb -readonly` opens it: the query must not need to write, and the file must be complete
        // (checkpointed, no WAL to replay) for a reader that cannot replay one.
        var bin = AppContext.BaseDirectory;
        var script = string.Join("; ",
            $"Add-Type -LiteralPath '{Path.Combine(bin, "DuckDB.NET.Bindings.dll")}'",
            $"Add-Type -LiteralPath '{Path.Combine(bin, "DuckDB.NET.Data.dll")}'",
            $"$c = [DuckDB.NET.Data.DuckDBConnection]::new('Data Source={f.Database};ACCESS_MODE=READ_ONLY')",
            "$c.Open()",
            "$cmd = $c.CreateCommand()",
            $"$cmd.CommandText = '{query.Replace("'", "''", StringComparison.Ordinal)}'",
            "$r = $cmd.ExecuteReader()",
            "$rows = 0; $sum = [long]0",
            "while ($r.Read()) { $rows++; $sum += [long]$r.GetValue($r.FieldCount - 1) }",
            "\"rows=$rows sum=$sum\"",
            "$c.Close()");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
            ["pwsh", "-NoProfile", "-NonInteractive", "-Command", script])
        { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = bin };
        using var process = Process.Start(psi)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2))) await process.WaitForExitAsync(timeout.Token);
        var stdout = await stdoutTask;
        Assert.True(process.ExitCode == 0, stderr + stdout);

        var result = Regex.Match(stdout, @"rows=(\d+) sum=(\d+)");
        Assert.True(result.Success, stdout + stderr);
        // The same figures the warehouse gives this test's own connection: FY2013 and FY2014, each component's decisions.
        using var own = new DuckDB.NET.Data.DuckDBConnection($"Data Source={f.Database};ACCESS_MODE=READ_ONLY");
        own.Open();
        using var cmd = own.CreateCommand();
        cmd.CommandText = "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT DISTINCT FiscalYear, ComponentCode FROM rpt.DiscretionDecisionCount) AS g), (SELECT CAST(SUM(Decisions) AS BIGINT) FROM rpt.DiscretionDecisionCount)";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), long.Parse(result.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), long.Parse(result.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(long.Parse(result.Groups[2].Value, CultureInfo.InvariantCulture) > 0, "the example query counted no decision");
    }

    [Fact]
    public void The_file_is_in_the_storage_format_the_README_pairs_with_DuckDB_clients_from_1_0_on()
    {
        Assert.True(f.Load.ExitCode == 0, f.Load.Err);
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={f.Database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT map_extract_value(tags, 'storage_version') FROM duckdb_databases() WHERE database_name NOT IN ('system', 'temp')";
        Assert.Equal("v1.0.0+", cmd.ExecuteScalar());
    }
}
