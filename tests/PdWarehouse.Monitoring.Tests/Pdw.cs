using System.Diagnostics;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>Runs the built `pdw` (copied beside the tests) as a user would, in its own process.</summary>
internal static class Pdw
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "pdw.dll"), .. args])
        { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }
}
