using System.Diagnostics;
using System.Globalization;

namespace PdWarehouse.Etl.Engines;

/// <summary>What a sweep removed.</summary>
public sealed record SpillSweep(int Files, long Bytes);

/// <summary>
/// Spill files that killed loads left in the temp folder. <see cref="DuckDbBulkWriter"/> deletes each chunk once DuckDB
/// has copied it, and the rest when disposed, but a process killed mid-stage (SIGKILL, power loss) deletes nothing:
/// the crash leaves the warehouse as it was (the batch never committed) and up to two chunks per writer on disk (a
/// delivery file is staged by three writers: rows, persons, rejects), some 20 MB each at scale 1. A later load removes them.
/// </summary>
public static class OrphanedSpillFiles
{
    /// <summary>
    /// A file is removed only when nothing has written it for this long, besides its process being gone and no one holding
    /// it open. A chunk closed and waiting for its copy is not held open, but it was written moments before.
    /// </summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(10);

    internal const string Prefix = "pdw-stage-";

    /// <summary>The name of a new spill file of this process.</summary>
    internal static string NewPath() =>
        Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.csv");

    /// <summary>
    /// Deletes the spill files in <paramref name="directory"/> (the temp folder by default) whose process is not running,
    /// that no one holds open and that nothing has written for <see cref="MinimumAge"/> before <paramref name="now"/>.
    /// Best effort: a folder that cannot be read, or a file that cannot be checked or deleted, is left as it is.
    /// </summary>
    public static SpillSweep Sweep(string? directory = null, DateTime? now = null)
    {
        directory ??= Path.GetTempPath();
        var cutoff = (now ?? DateTime.UtcNow) - MinimumAge;
        int files = 0;
        long bytes = 0;
        try
        {
            foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*.csv"))
            {
                if (ProcessId(path) is not { } pid || pid == Environment.ProcessId || IsRunning(pid)) continue;
                if (TryDelete(path, cutoff) is { } length)
                {
                    files++;
                    bytes += length;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException) { }
        return new SpillSweep(files, bytes);
    }

    private static int? ProcessId(string path)
    {
        var name = Path.GetFileName(path);
        var dash = name.IndexOf('-', Prefix.Length);
        return dash > 0 && int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid : null;
    }

    /// <summary>The file's length when it was old enough and held by no one, and is now deleted; otherwise null.</summary>
    private static long? TryDelete(string path, DateTime cutoff)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LastWriteTimeUtc > cutoff) return null;
            // An exclusive open fails while a writer holds the file, on Unix through the advisory lock .NET takes on every
            // open, which a writer in another container sharing the folder holds too (its process is invisible here).
            long length;
            using (var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                length = exclusive.Length;
            File.Delete(path);
            return length;
        }
        // Held open, gone already (another load swept it) or not ours to delete: neither stops a load.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Whether a process with this id runs; one that cannot be inspected (access denied) counts as running.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }                       // no such process
        catch (InvalidOperationException) { return false; }               // it exited meanwhile
        catch (System.ComponentModel.Win32Exception) { return true; }     // another user's process: not ours to judge
        catch (NotSupportedException) { return true; }
    }
}
