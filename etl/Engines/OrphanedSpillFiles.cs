using System.Diagnostics;
using System.Globalization;

namespace PdWarehouse.Etl.Engines;

/// <summary>What a sweep removed.</summary>
public sealed record SpillSweep(int Files, long Bytes);

/// <summary>
/// Spill files that killed loads left in the temp folder. <see cref="DuckDbBulkWriter"/> deletes each chunk once DuckDB
/// has copied it, and the rest when disposed, but a process killed mid-stage (SIGKILL, power loss) deletes nothing:
/// the crash leaves the warehouse as it was (the batch never committed) and up to two chunks per table on disk, some
/// 20 MB each at scale 1. A later load removes them.
/// </summary>
public static class OrphanedSpillFiles
{
    /// <summary>
    /// A writer writes its chunks as it stages (100,000 rows are written and copied in under ten seconds), so a file
    /// untouched this long whose process has gone is no one's. The age also guards a process that only looks gone: one
    /// in another PID namespace sharing this temp folder, unless a single file takes it longer than this to stage.
    /// </summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(10);

    internal const string Prefix = "pdw-stage-";

    /// <summary>The name of a new spill file of this process.</summary>
    internal static string NewPath() =>
        Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.csv");

    /// <summary>Deletes the spill files in <paramref name="directory"/> (the temp folder by default) of processes no longer running.</summary>
    public static SpillSweep Sweep(string? directory = null, DateTime? now = null)
    {
        directory ??= Path.GetTempPath();
        var cutoff = (now ?? DateTime.UtcNow) - MinimumAge;
        int files = 0;
        long bytes = 0;
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*.csv"))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-', Prefix.Length);
            if (dash < 0 || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                var file = new FileInfo(path);
                if (file.LastWriteTimeUtc > cutoff) continue;
                var length = file.Length;
                file.Delete();
                files++;
                bytes += length;
            }
            // Gone already (another load swept it) or not ours to delete: neither stops a load.
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return new SpillSweep(files, bytes);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return false; }
    }
}
