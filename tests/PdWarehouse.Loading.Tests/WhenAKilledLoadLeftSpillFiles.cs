using System.Diagnostics;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A load killed mid-stage leaves its spill chunks in the temp folder. A later load removes those of processes that are
/// gone, that no one holds open and that nothing has written for <see cref="OrphanedSpillFiles.MinimumAge"/>; never a
/// running load's.
/// </summary>
public sealed class WhenAKilledLoadLeftSpillFiles : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pdw-sweep-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // No process has this id: Linux's largest is 4,194,304 and Windows' are multiples of 4.
    private const int GoneProcess = int.MaxValue;

    private static readonly TimeSpan Old = OrphanedSpillFiles.MinimumAge + TimeSpan.FromMinutes(1);

    private string Spill(string name, int bytes, TimeSpan age)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void Only_old_files_of_processes_that_are_gone_are_removed()
    {
        var orphan = Spill($"pdw-stage-{GoneProcess}-0123456789abcdef.csv", 1000, Old);
        var fresh = Spill($"pdw-stage-{GoneProcess}-fedcba9876543210.csv", 10, TimeSpan.Zero);
        var mine = Spill($"pdw-stage-{Environment.ProcessId}-00112233445566778899.csv", 10, Old);
        var unnamed = Spill("pdw-stage-notapid-0123.csv", 10, Old);
        var other = Spill("other.csv", 10, Old);

        var swept = OrphanedSpillFiles.Sweep(_dir);

        Assert.Equal(new SpillSweep(1, 1000), swept);
        Assert.False(File.Exists(orphan));
        Assert.All(new[] { fresh, mine, unnamed, other }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_file_of_another_process_that_still_runs_is_kept()
    {
        var (command, arguments) = OperatingSystem.IsWindows() ? ("cmd", "/c ping -n 60 127.0.0.1 > nul") : ("sleep", "60");
        using var other = Process.Start(new ProcessStartInfo(command, arguments) { UseShellExecute = false })!;
        try
        {
            var live = Spill($"pdw-stage-{other.Id}-0123456789abcdef.csv", 10, Old);
            Assert.Equal(new SpillSweep(0, 0), OrphanedSpillFiles.Sweep(_dir));
            Assert.True(File.Exists(live));
        }
        finally { other.Kill(); }
    }

    [Fact]
    public void A_file_someone_holds_open_is_kept_even_when_its_process_looks_gone()
    {
        // A writer in another container: its process is invisible here, but its open file is not.
        var held = Spill($"pdw-stage-{GoneProcess}-0123456789abcdef.csv", 10, Old);
        using (new StreamWriter(held, append: true))
        {
            File.SetLastWriteTimeUtc(held, DateTime.UtcNow - Old);
            Assert.Equal(new SpillSweep(0, 0), OrphanedSpillFiles.Sweep(_dir));
        }
        Assert.True(File.Exists(held));
        Assert.Equal(new SpillSweep(1, 10), OrphanedSpillFiles.Sweep(_dir));
    }

    [Fact]
    public void A_folder_that_does_not_exist_sweeps_nothing_and_does_not_fail()
    {
        Assert.Equal(new SpillSweep(0, 0), OrphanedSpillFiles.Sweep(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public void A_writers_chunks_are_named_for_its_process()
    {
        Assert.StartsWith($"pdw-stage-{Environment.ProcessId}-", Path.GetFileName(OrphanedSpillFiles.NewPath()), StringComparison.Ordinal);
    }
}
