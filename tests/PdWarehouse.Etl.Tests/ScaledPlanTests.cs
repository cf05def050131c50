using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>The plan the writer draws its counts from: pinned figures become round(figure × scale); Table 33 years split into programs.</summary>
public sealed class ScaledPlanTests
{
    [Theory]
    [InlineData(2004, 1_264_232)]
    [InlineData(2007, 960_772)]
    [InlineData(2011, 678_606)]
    [InlineData(2013, 662_483)]
    [InlineData(2014, 679_996)]
    public void Apprehensions_of_every_year_sum_to_Table_33(int fy, long total)
    {
        var plan = new Plan(1.0, 0.15);
        Assert.Equal(total, plan.Count(GenFeed.UsbpApprehensions, fy) + plan.Count(GenFeed.IceArrests, fy));
        Assert.Equal(plan.Count(GenFeed.UsbpApprehensions, fy), plan.SectorCounts[fy].Sum());
    }

    [Fact]
    public void Pinned_figures_scale_by_rounding()
    {
        var plan = new Plan(0.1, 0.15);
        Assert.Equal(1_276, plan.EroCellCounts[2014][0]);                        // round(12,757 × 0.1)
        Assert.Equal(65, new[] { 2012, 2013, 2014 }.Sum(fy => plan.UsbpReleaseCounts[fy][1])); // round(650 × 0.1)
        Assert.Equal(19_839, plan.CriminalRemovalCounts[2013][0]);               // round(198,394 × 0.1)
        Assert.Equal(2_200, plan.Count(GenFeed.EroDecisions, 2013));
        Assert.Equal(12_247 + 11_642, plan.Count(GenFeed.Daca, 2014));
        Assert.Equal(15_445, plan.SectorCounts[2013][5]);                        // Rio Grande Valley: round(154,453 × 0.1)
        foreach (var fy in new[] { 2012, 2013, 2014 })
        {
            var (accepted, approved, denied) = Calibration.Daca[fy];
            Assert.Equal(Calibration.Scale(approved, 0.1), plan.DacaCells.Values.SelectMany(c => c).Where(c => c.DecisionFy == fy && c.Status == "APPROVED").Sum(c => c.Count));
            Assert.Equal(Calibration.Scale(denied, 0.1), plan.DacaCells.Values.SelectMany(c => c).Where(c => c.DecisionFy == fy && c.Status == "DENIED").Sum(c => c.Count));
            if (fy < 2014) Assert.Equal(Calibration.Scale(accepted, 0.1), plan.Count(GenFeed.Daca, fy));
        }
    }
}
