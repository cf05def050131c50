using System.Diagnostics;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A load killed mid-stage leaves its spill chunks in the temp folder. A later load removes every one no live process
/// holds, whatever its age; never a running load's, and never one someone holds open.
/// </summary>
public sealed class WhenAKilledLoadLeftSpillFiles : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pdw-sweep-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // No process has this id: Linux's largest is 4,194,304 and Windows' are multiples of 4.
    private const int GoneProcess = int.MaxValue;

    private static readonly TimeSpan Old = TimeSpan.FromHours(1);

    private string Spill(string name, int bytes, TimeSpan age)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void Files_of_processes_that_are_gone_are_removed_whatever_their_age()
    {
        var orphan = Spill($"pdw-stage-{GoneProcess}-0123456789abcdef.csv", 1000, Old);
        var fresh = Spill($"pdw-stage-{GoneProcess}-fedcba9876543210.csv", 10, TimeSpan.Zero);
        var marked = Spill($"pdw-stage-{GoneProcess}-12345-fedcba9876543210.csv", 100, TimeSpan.Zero);
        var mine = Spill(Path.GetFileName(OrphanedSpillFiles.NewPath()), 10, Old);
        var mineBefore = Spill($"pdw-stage-{Environment.ProcessId}-00112233445566778899.csv", 10, Old);
        var unnamed = Spill("pdw-stage-notapid-0123.csv", 10, Old);
        var other = Spill("other.csv", 10, Old);

        var swept = OrphanedSpillFiles.Sweep(_dir);

        Assert.Equal(new SpillSweep(3, 1110), swept);
        Assert.All(new[] { orphan, fresh, marked }, f => Assert.False(File.Exists(f), f));
        Assert.All(new[] { mine, mineBefore, unnamed, other }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_file_whose_process_id_now_belongs_to_a_later_process_is_removed()
    {
        var (command, arguments) = OperatingSystem.IsWindows() ? ("cmd", "/c ping -n 60 127.0.0.1 > nul") : ("sleep", "60");
        using var other = Process.Start(new ProcessStartInfo(command, arguments) { UseShellExecute = false })!;
        try
        {
            var mark = OrphanedSpillFiles.StartMark(other.Id);
            Assert.NotNull(mark);
            // The maker had this id but started at another time: the id was reused, the maker is gone.
            var reused = Spill($"pdw-stage-{other.Id}-{mark - 1}-0123456789abcdef.csv", 10, TimeSpan.Zero);
            var live = Spill($"pdw-stage-{other.Id}-{mark}-fedcba9876543210.csv", 10, TimeSpan.Zero);
            Assert.Equal(new SpillSweep(1, 10), OrphanedSpillFiles.Sweep(_dir));
            Assert.False(File.Exists(reused));
            Assert.True(File.Exists(live));
        }
        finally { other.Kill(); }
    }

    [Fact]
    public void A_writers_chunks_are_owner_only_held_while_they_exist_and_gone_on_success_and_on_failure()
    {
        var table = new PdWarehouse.Warehouse.TableDefinition("etl", "DecisionSequence",
            [new("LineageKey", "int", 0, false, 0, 0, false, false)], null, [], false, "");
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "CREATE SCHEMA etl; CREATE TABLE etl.DecisionSequence (LineageKey INTEGER)";
            cmd.ExecuteNonQuery();
        }
        string[] Mine() => Directory.GetFiles(Path.GetTempPath(), $"pdw-stage-{Environment.ProcessId}-*.csv");
        var before = Mine();
        foreach (var complete in new[] { true, false })
        {
            using (var writer = new DuckDbBulkWriter(connection, table, ["LineageKey"], chunkRows: 100))
            {
                for (var i = 0; i < 15; i++) writer.Add([i]);
                var open = Assert.Single(Mine().Except(before));
                if (!OperatingSystem.IsWindows())
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(open));
                // Held: a sweep that took this process for gone would still find the file locked.
                Assert.ThrowsAny<IOException>(() => new FileStream(open, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
                if (complete) writer.Complete();
            }
            Assert.Empty(Mine().Except(before));
        }
    }

    [Fact]
    public void A_file_of_another_process_that_still_runs_is_kept_whatever_its_age()
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
            Assert.Equal(new SpillSweep(0, 0), OrphanedSpillFiles.Sweep(_dir));
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
