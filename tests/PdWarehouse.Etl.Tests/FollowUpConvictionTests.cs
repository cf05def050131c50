using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>The documented follow-up convictions of FY2014's PD recipients (etl/Generation/FollowUpConvictions.cs, docs/feeds.md).</summary>
public sealed class FollowUpConvictionTests
{
    /// <summary>
    /// FY2015's book-in delivery ends with one CRIMINAL book-in per chosen FY2014 decision, dated in FY2015: as many as the
    /// stated rates give over truth.json's FY2014 decisions, within 4 binomial standard errors; truth.json states the rates.
    /// </summary>
    [Fact]
    public void FY2015_books_in_the_stated_share_of_FY2014_PD_recipients_as_convicted()
    {
        using var folder = new TempFolder();
        var generator = Gen.Run(folder.Path, scale: 0.05, seed: 5, dirtyRate: 0, years: "2014-2015");
        using var truth = Gen.Truth(folder.Path);
        var def = Generator.DefinitionOf(GenFeed.BookIns);
        var ordinary = generator.Plan.Count(GenFeed.BookIns, 2015);
        var rows = generator.CleanValues(GenFeed.BookIns, 2015).ToList();
        var followUps = rows.Skip((int)ordinary).ToList();
        Assert.All(followUps, v =>
        {
            Assert.Equal("CRIMINAL", v[def.IndexOf("CriminalStatus")]);
            Assert.InRange(DateOnly.Parse(v[def.IndexOf(def.EventDateColumn!)]!, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2014, 10, 1), new DateOnly(2015, 9, 30));
        });

        var rates = truth.RootElement.GetProperty("monitoring").GetProperty("followUpConvictions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("component").GetString()!, r => r.GetProperty("rate").GetDouble());
        Assert.Equal(FollowUpConvictions.Rate.OrderBy(r => r.Key), rates.OrderBy(r => r.Key));
        double expected = 0, variance = 0;
        foreach (var d in truth.RootElement.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("fiscalYear").GetInt32() == 2014))
        {
            var p = rates[d.GetProperty("component").GetString()!];
            var n = d.GetProperty("decisions").GetInt64();
            expected += n * p;
            variance += n * p * (1 - p);
        }
        Assert.True(expected > 100, $"only {expected} expected");
        Assert.InRange(followUps.Count, expected - 4 * Math.Sqrt(variance), expected + 4 * Math.Sqrt(variance));
    }
}
