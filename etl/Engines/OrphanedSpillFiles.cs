using System.Diagnostics;
using System.Globalization;

namespace PdWarehouse.Etl.Engines;

/// <summary>What a sweep removed.</summary>
public sealed record SpillSweep(int Files, long Bytes);

/// <summary>
/// Spill files that killed loads left in the temp folder. <see cref="DuckDbBulkWriter"/> creates each chunk owner-only,
/// holds it open from creation until DuckDB has copied it and it is deleted, and deletes the rest when disposed (every
/// failure path disposes), but a process killed mid-stage (SIGKILL, power loss) deletes nothing: the crash leaves the
/// warehouse as it was (the batch never committed) and up to two chunks per writer on disk. The next load removes them.
/// </summary>
public static class OrphanedSpillFiles
{
    internal const string Prefix = "pdw-stage-";

    /// <summary>The name of a new spill file of this process: its id and start mark, so a later process with the same id is not taken for it.</summary>
    internal static string NewPath() =>
        Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{Environment.ProcessId}-{StartMark(Environment.ProcessId)?.ToString(CultureInfo.InvariantCulture) ?? "0"}-{Guid.NewGuid():N}.csv"));

    /// <summary>
    /// Deletes the spill files in <paramref name="directory"/> (the temp folder by default) that no live process holds,
    /// whatever their age: a file is kept while someone holds it open (the writer's advisory lock, seen from another
    /// container sharing the folder too) or while the process that made it still runs (same id and same start mark,
    /// which covers the instant between a file's creation and its lock, and a file system where .NET takes no lock).
    /// Best effort: a folder that cannot be read, or a file that cannot be checked or deleted, is left as it is.
    /// </summary>
    public static SpillSweep Sweep(string? directory = null)
    {
        directory ??= Path.GetTempPath();
        int files = 0;
        long bytes = 0;
        try
        {
            foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*.csv"))
            {
                if (Owner(path) is not var (pid, mark) || IsRunning(pid, mark)) continue;
                if (TryDelete(path) is { } length)
                {
                    files++;
                    bytes += length;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException) { }
        return new SpillSweep(files, bytes);
    }

    /// <summary>The process id and start mark a name carries; the mark is null in names of releases before it (pid-guid).</summary>
    private static (int Pid, long? Mark)? Owner(string path)
    {
        var parts = Path.GetFileNameWithoutExtension(path)[Prefix.Length..].Split('-');
        if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
        if (parts.Length == 2) return (pid, null);
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mark) ? (pid, mark == 0 ? null : mark) : null;
    }

    /// <summary>The file's length when no one held it and it is now deleted; otherwise null.</summary>
    private static long? TryDelete(string path)
    {
        try
        {
            // An exclusive open fails while a writer holds the file, on Unix through the advisory lock .NET takes on every
            // open, which a writer in another container sharing the folder holds too (its process is invisible here).
            long length;
            // (Windows: sharing delete alone still refuses a writer, and lets this handle delete the file.)
            using (var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None))
            {
                length = exclusive.Length;
                // Deleted while the lock is held: no writer can take the file between the check and the delete.
                File.Delete(path);
            }
            return length;
        }
        // Held open, gone already (another load swept it) or not ours to delete: neither stops a load.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Whether the process that made a file still runs: a process with this id whose start mark is the one in the name (any
    /// process with the id, for names without a mark). One that cannot be inspected (access denied) counts as running.
    /// </summary>
    private static bool IsRunning(int pid, long? mark)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return false;
        }
        catch (ArgumentException) { return false; }                       // no such process
        catch (InvalidOperationException) { return false; }               // it exited meanwhile
        catch (System.ComponentModel.Win32Exception) { return true; }     // another user's process: not ours to judge
        catch (NotSupportedException) { return true; }
        // The id was reused when the process now holding it started at another time than the file's maker.
        return mark is null || StartMark(pid) is not { } now || now == mark;
    }

    /// <summary>
    /// When a process started, as an exact integer: on Linux the start time in clock ticks since boot from /proc (stable
    /// across reads, unlike the wall-clock time derived from it); elsewhere the start time in whole seconds. Null when unknown.
    /// </summary>
    internal static long? StartMark(int pid)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // Field 22 of /proc/<pid>/stat; the name in field 2 may hold spaces and parentheses, so count from the last ')'.
                var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
            }
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
                                       or IndexOutOfRangeException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
