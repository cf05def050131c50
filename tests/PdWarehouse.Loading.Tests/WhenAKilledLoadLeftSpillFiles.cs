using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A load killed mid-stage leaves its spill chunks in the temp folder. A later load removes those of processes that are
/// gone and that nothing has touched for <see cref="OrphanedSpillFiles.MinimumAge"/>, and never a live load's.
/// </summary>
public sealed class WhenAKilledLoadLeftSpillFiles : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pdw-sweep-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // No process has this id: Linux's largest is 4,194,304 and Windows' are multiples of 4.
    private const int GoneProcess = int.MaxValue;

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
        var old = OrphanedSpillFiles.MinimumAge + TimeSpan.FromMinutes(1);
        var orphan = Spill($"pdw-stage-{GoneProcess}-0123456789abcdef.csv", 1000, old);
        var fresh = Spill($"pdw-stage-{GoneProcess}-fedcba9876543210.csv", 10, TimeSpan.Zero);
        var mine = Spill($"pdw-stage-{Environment.ProcessId}-00112233445566778899.csv", 10, old);
        var unnamed = Spill("pdw-stage-notapid-0123.csv", 10, old);
        var other = Spill("other.csv", 10, old);

        var swept = OrphanedSpillFiles.Sweep(_dir);

        Assert.Equal(new SpillSweep(1, 1000), swept);
        Assert.False(File.Exists(orphan));
        Assert.All(new[] { fresh, mine, unnamed, other }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_live_writers_chunks_are_named_for_its_process_and_kept()
    {
        var path = Path.GetFileName(OrphanedSpillFiles.NewPath());
        Assert.StartsWith($"pdw-stage-{Environment.ProcessId}-", path, StringComparison.Ordinal);
        var live = Spill(path, 10, OrphanedSpillFiles.MinimumAge + TimeSpan.FromHours(1));

        Assert.Equal(new SpillSweep(0, 0), OrphanedSpillFiles.Sweep(_dir));
        Assert.True(File.Exists(live));
    }
}
