using System.Text.Json;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>FY2015 and the 2014-11-20 memo's stated effect (etl/Generation/PolicyEffect.cs, docs/feeds.md).</summary>
public sealed class PolicyEffectTests
{
    static string HashYears(string folder, params int[] years)
    {
        using var subset = new TempFolder();
        foreach (var d in Gen.Deliveries(folder).Where(d => years.Any(y => d.EndsWith($"-FY{y}", StringComparison.Ordinal))))
        {
            var target = Path.Combine(subset.Path, Path.GetFileName(d));
            Directory.CreateDirectory(target);
            foreach (var f in Directory.EnumerateFiles(d)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        }
        return Gen.HashFolder(subset.Path);
    }

    [Fact]
    public void Adding_FY2015_leaves_every_FY2012_to_FY2014_delivery_byte_for_byte_unchanged()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        Gen.Run(a.Path, scale: 0.005, seed: 11, dirtyRate: 0.02, years: "2012-2014");
        Gen.Run(b.Path, scale: 0.005, seed: 11, dirtyRate: 0.02, years: "2012-2015");
        Assert.Equal(HashYears(a.Path, 2012, 2013, 2014), HashYears(b.Path, 2012, 2013, 2014));
        Assert.Contains(Gen.Deliveries(b.Path), d => d.EndsWith("ice-arrests-FY2015", StringComparison.Ordinal));
        Assert.DoesNotContain(Gen.Deliveries(b.Path), d => d.EndsWith("uscis-daca-requests-FY2015", StringComparison.Ordinal));
    }

    /// <summary>
    /// The arrests' priority-1 share and the PD decisions' recorded-basis share, counted from truth.json's monthly rows,
    /// sit where the stated effect puts them before and after the memo (within 4 binomial standard errors), and
    /// truth.json states the effect with the figures docs/feeds.md gives.
    /// </summary>
    [Fact]
    public void After_the_2014_memo_the_priority_mix_and_the_recording_of_a_basis_shift_by_the_stated_amounts()
    {
        using var folder = new TempFolder();
        Gen.Run(folder.Path, scale: 0.05, seed: 5, dirtyRate: 0, years: "2014-2015");
        using var truth = Gen.Truth(folder.Path);
        var monitoring = truth.RootElement.GetProperty("monitoring");
        var effects = monitoring.GetProperty("policyEffects").EnumerateArray()
            .ToDictionary(e => (e.GetProperty("measure").GetString()!, e.GetProperty("component").GetString()!), e => (e.GetProperty("before").GetDouble(), e.GetProperty("after").GetDouble()));
        Assert.Equal((0.55, 0.70), effects[("ice-arrests-priority-1-share", "ICE-ERO")]);
        Assert.Equal((0.55, 0.62), effects[("ice-arrests-priority-1-share", "ICE-HSI")]);
        Assert.Equal(0.97, effects[("pd-basis-recorded-share", "ICE-ERO")].Item1, 9);
        Assert.Equal(0.99, effects[("pd-basis-recorded-share", "ICE-ERO")].Item2, 9);

        // Months wholly before (Oct 2013 - Oct 2014) and wholly after (Dec 2014 - Sep 2015) the memo.
        static bool After(string month) => string.CompareOrdinal(month, "2014-12") >= 0;
        static bool Before(string month) => string.CompareOrdinal(month, "2014-11") < 0;
        foreach (var program in new[] { "ICE-ERO", "ICE-HSI" })
        {
            var rows = monitoring.GetProperty("iceArrestsByMonth").EnumerateArray().Where(r => r.GetProperty("program").GetString() == program).ToList();
            Share(rows, Before, r => r.GetProperty("priorityLevel").GetString() == "1", "arrests", effects[("ice-arrests-priority-1-share", program)].Item1);
            Share(rows, After, r => r.GetProperty("priorityLevel").GetString() == "1", "arrests", effects[("ice-arrests-priority-1-share", program)].Item2);
        }
        foreach (var component in new[] { "ICE-ERO", "ICE-OPLA" })
        {
            var rows = monitoring.GetProperty("pdDecisionsByMonth").EnumerateArray().Where(r => r.GetProperty("component").GetString() == component).ToList();
            Share(rows, Before, r => r.GetProperty("basisRecorded").GetString() == "yes", "decisions", effects[("pd-basis-recorded-share", component)].Item1);
            Share(rows, After, r => r.GetProperty("basisRecorded").GetString() == "yes", "decisions", effects[("pd-basis-recorded-share", component)].Item2);
        }
    }

    static void Share(List<JsonElement> rows, Func<string, bool> months, Func<JsonElement, bool> hit, string count, double expected)
    {
        var inMonths = rows.Where(r => months(r.GetProperty("month").GetString()!)).ToList();
        double n = inMonths.Sum(r => r.GetProperty(count).GetInt64());
        double k = inMonths.Where(hit).Sum(r => r.GetProperty(count).GetInt64());
        Assert.True(n > 300, $"only {n} {count}");
        var se = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(k / n, expected - 4 * se, expected + 4 * se);
    }
}
