using System.Diagnostics;
using System.Globalization;

namespace PdWarehouse.Bench;

internal static class Processes
{
    public static void Run(string file, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
    }

    /// <summary>Wall time and peak resident memory (from GNU time) of one pdw run; its standard output goes to a file.</summary>
    public static (double Seconds, double PeakMb) Timed(string pdw, string[] args, IReadOnlyDictionary<string, string> env, string stdoutFile, bool requireSuccess = true)
    {
        var timeFile = Path.GetTempFileName();
        var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, "dotnet", pdw, .. args]) { RedirectStandardOutput = true };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        File.WriteAllText(stdoutFile, p.StandardOutput.ReadToEnd());
        p.WaitForExit();
        if (p.ExitCode != 0 && requireSuccess) throw new InvalidOperationException($"pdw {string.Join(' ', args)} exited {p.ExitCode}");
        var parts = File.ReadAllText(timeFile).Trim().Split(' ');
        File.Delete(timeFile);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), Math.Round(double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024, 1));
    }
}
