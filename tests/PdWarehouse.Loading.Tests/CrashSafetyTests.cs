using System.Diagnostics;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A real `pdw load` child process killed with SIGKILL at several points, then loaded again, must give
/// exactly the warehouse an uninterrupted load gives, row for row.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class CrashSafetyTests(LoadingFixture fixture)
{
    [Fact]
    public void Killing_the_load_at_any_point_and_loading_again_gives_the_uninterrupted_result()
    {
        var deliveries = Directory.CreateDirectory(Path.Combine(fixture.Root, "crash-" + Guid.NewGuid().ToString("N"))).FullName;
        // Three deliveries, large enough that a load takes a few seconds and kills land in different steps.
        DeliveryBuilder.Write(deliveries, "ice-removals-returns", Rows(120_000, "R", 0), name: "a-removals");
        DeliveryBuilder.Write(deliveries, "ice-ero-discretion-decisions", Decisions(40_000), name: "b-decisions");
        DeliveryBuilder.Write(deliveries, "ice-removals-returns", Rows(60_000, "S", 100_000), name: "c-removals");
        // The loads spill into a temp folder of their own, so the sweep checked below sees only their files.
        var spills = Directory.CreateDirectory(Path.Combine(deliveries, "tmp")).FullName;
        var env = new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = fixture.KeyText, ["TMPDIR"] = spills };

        var clean = fixture.NewWarehouse();
        var run = Cli.Pdw(env, "load", deliveries, "--db", clean);
        Assert.True(run.ExitCode == 0, run.Err + run.Out);
        var expected = WarehouseSnapshot.Take(clean);
        var totalMs = Math.Max(1500, ParseSeconds(run.Out) * 1000);

        var killed = new List<int>();
        foreach (var fraction in new[] { 0.15, 0.35, 0.55, 0.8 })
        {
            var db = fixture.NewWarehouse();
            using (var p = Process.Start(Cli.StartInfo(env, "load", deliveries, "--db", db))!)
            {
                p.StandardOutput.ReadToEndAsync();
                p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(TimeSpan.FromMilliseconds(totalMs * fraction)))
                {
                    p.Kill(entireProcessTree: true);   // SIGKILL: no cleanup code runs
                    p.WaitForExit();
                    killed.Add(p.Id);
                }
            }
            var rerun = Cli.Pdw(env, "load", deliveries, "--db", db);
            Assert.True(rerun.ExitCode == 0, $"rerun after kill at {fraction:P0}: {rerun.Err}");
            WarehouseSnapshot.AssertEqual(expected, WarehouseSnapshot.Take(db));
        }

        // Timed kills may all miss the staging step (a busy machine stretches the others), so one more load is killed the
        // moment its spill file appears: the sweep below always has a killed load's file to remove.
        var staging = fixture.NewWarehouse();
        using (var p = Process.Start(Cli.StartInfo(env, "load", deliveries, "--db", staging))!)
        {
            p.StandardOutput.ReadToEndAsync();
            p.StandardError.ReadToEndAsync();
            var prefix = $"pdw-stage-{p.Id}-";
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!p.HasExited && DateTime.UtcNow < deadline && !Directory.EnumerateFiles(spills, prefix + "*").Any()) Thread.Sleep(5);
            Assert.False(p.HasExited, "the load ended before it wrote a spill file");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            killed.Add(p.Id);
        }
        bool KilledLoadsFile(string f) => killed.Any(pid => Path.GetFileName(f).StartsWith($"pdw-stage-{pid}-", StringComparison.Ordinal));
        Assert.Contains(Directory.EnumerateFiles(spills, "pdw-stage-*.csv"), KilledLoadsFile);
        var afterStaging = Cli.Pdw(env, "load", deliveries, "--db", staging);
        Assert.True(afterStaging.ExitCode == 0, $"rerun after a kill while staging: {afterStaging.Err}");
        WarehouseSnapshot.AssertEqual(expected, WarehouseSnapshot.Take(staging));

        // The killed loads' spill files, seconds old, are gone after the rerun: its sweep removed them, and it left none of its own.
        Assert.Contains("staging spill file", afterStaging.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(spills, "pdw-stage-*"));   // the runtime's own pipes stay: not ours
    }

    private static double ParseSeconds(string output) =>
        output.Split('\n').Where(l => l.Contains(" SUCCEEDED in ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(" SUCCEEDED in ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)) + 2.0;

    private static IEnumerable<string[]> Rows(int n, string prefix, int personOffset)
    {
        string[] types = ["ER", "REINST", "ADMDPT", "JUDICIAL", "VR", "WD"];
        for (var i = 0; i < n; i++)
        {
            var person = personOffset + i / 2;
            yield return DeliveryBuilder.Removal($"{prefix}{i}", $"2014-{1 + i % 9:00}-{1 + i % 28:00}", types[i % types.Length],
                i % 5 == 0 ? "SND" : "ATL", i % 3 == 0 ? "CRIMINAL" : "NON-CRIMINAL", aNumber: $"A{person:000000000}",
                family: $"Family{person}", given: $"Given{person}");
        }
    }

    private static IEnumerable<string[]> Decisions(int n)
    {
        for (var i = 0; i < n; i++)
            yield return DeliveryBuilder.EroDecision($"D{i}", $"2014-{1 + i % 9:00}-{1 + i % 28:00}", stage: i % 2 == 0 ? "ARREST" : "DETENTION",
                aNumber: $"A{i / 2:000000000}");
    }
}
