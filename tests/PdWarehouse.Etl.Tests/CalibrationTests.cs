using System.Text.Json;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>One full-scale, clean generation of FY2012-2014 (about 7.7 million rows), checked against DESIGN §9.</summary>
public sealed class FullScaleDeliveries : IDisposable
{
    readonly TempFolder temp = new();
    public string Folder => temp.Path;
    public JsonDocument Truth { get; }
    public FullScaleDeliveries()
    {
        Gen.Run(temp.Path, scale: 1.0, seed: 42, dirtyRate: 0);
        Truth = Gen.Truth(temp.Path);
    }
    public void Dispose()
    {
        Truth.Dispose();
        temp.Dispose();
    }
}

public sealed class CalibrationTests(FullScaleDeliveries full) : IClassFixture<FullScaleDeliveries>
{
    long Enforcement(int fy, string category, string dimension, string member) =>
        full.Truth.RootElement.GetProperty("enforcementActions").EnumerateArray()
            .Where(e => e.GetProperty("fiscalYear").GetInt32() == fy && e.GetProperty("category").GetString() == category
                        && e.GetProperty("dimension").GetString() == dimension && e.GetProperty("member").GetString() == member)
            .Sum(e => e.GetProperty("count").GetInt64());

    long Decisions(string component, string action, string basis, int? fy, string measure) =>
        full.Truth.RootElement.GetProperty("decisions").EnumerateArray()
            .Where(d => d.GetProperty("component").GetString() == component && d.GetProperty("actionCode").GetString() == action
                        && d.GetProperty("basisCode").GetString() == basis && (fy is null || d.GetProperty("fiscalYear").GetInt32() == fy))
            .Sum(d => d.GetProperty(measure).GetInt64());

    long Daca(int fy, string measure) =>
        full.Truth.RootElement.GetProperty("daca").EnumerateArray().Where(d => d.GetProperty("fiscalYear").GetInt32() == fy).Sum(d => d.GetProperty(measure).GetInt64());

    [Theory]
    [InlineData(2012, 364_768, 15_937, 290_622)]
    [InlineData(2013, 420_789, 11_996, 229_698)]
    [InlineData(2014, 486_651, 11_626, 181_719)]
    public void Apprehensions_by_program_are_Table_35(int fy, long usbp, long hsi, long ero)
    {
        Assert.Equal(usbp, Enforcement(fy, "APPREHENSION", "program", "CBP-USBP"));
        Assert.Equal(hsi, Enforcement(fy, "APPREHENSION", "program", "ICE-HSI"));
        Assert.Equal(ero, Enforcement(fy, "APPREHENSION", "program", "ICE-ERO"));
    }

    [Fact]
    public void FY2013_total_apprehensions_are_662483()
    {
        Assert.Equal(662_483, new[] { "CBP-USBP", "ICE-HSI", "ICE-ERO" }.Sum(p => Enforcement(2013, "APPREHENSION", "program", p)));
    }

    [Fact]
    public void FY2013_Border_Patrol_sectors_are_the_published_figures()
    {
        var southwest = new Dictionary<string, long>
        {
            ["USBP-BBT"] = 3_684, ["USBP-DRT"] = 23_510, ["USBP-ECT"] = 16_306, ["USBP-EPT"] = 11_154, ["USBP-LRT"] = 50_749,
            ["USBP-RGV"] = 154_453, ["USBP-SDC"] = 27_496, ["USBP-TCA"] = 120_939, ["USBP-YUM"] = 6_106,
        };
        foreach (var (sector, count) in southwest) Assert.Equal(count, Enforcement(2013, "APPREHENSION", "office", sector));
        Assert.Equal(414_397, southwest.Keys.Sum(s => Enforcement(2013, "APPREHENSION", "office", s)));
        var others = new[] { "BLW", "BUN", "DTM", "GFN", "HVM", "HTM", "MIP", "NOL", "RMY", "SPW", "SWB" };
        Assert.Equal(6_392, others.Sum(s => Enforcement(2013, "APPREHENSION", "office", "USBP-" + s)));
        foreach (var fy in new[] { 2012, 2014 })
            Assert.Equal(Enforcement(fy, "APPREHENSION", "program", "CBP-USBP"),
                southwest.Keys.Concat(others.Select(o => "USBP-" + o)).Sum(s => Enforcement(fy, "APPREHENSION", "office", s)));
    }

    [Theory]
    [InlineData(2012, 418_397, 230_386)]
    [InlineData(2013, 438_421, 178_371)]
    [InlineData(2014, 414_481, 162_814)]
    public void Removals_and_returns_are_Table_39(int fy, long removals, long returns)
    {
        Assert.Equal(removals, Enforcement(fy, "REMOVAL", "program", "ICE-ERO"));
        Assert.Equal(returns, Enforcement(fy, "RETURN", "program", "ICE-ERO"));
    }

    [Fact]
    public void FY2013_criminal_removals_are_198394() => Assert.Equal(198_394, Enforcement(2013, "REMOVAL", "criminalStatus", "CRIMINAL"));

    [Fact]
    public void ICE_recorded_12757_non_priority_PD_releases_in_FY2014() =>
        Assert.Equal(12_757, Decisions("ICE-ERO", "REL", "NOT-PRIORITY", 2014, "records"));

    [Fact]
    public void Border_Patrol_released_650_DACA_eligible_persons_between_June_2012_and_September_2014()
    {
        Assert.Equal(650, Decisions("CBP-USBP", "REL", "DACA-ELIGIBLE", null, "records"));
        foreach (var fy in new[] { 2012, 2013, 2014 })
        {
            var delivery = DeliveryReader.Open(Path.Combine(full.Folder, Generator.DeliveryName(GenFeed.UsbpReleases, fy)));
            using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
            var basis = delivery.Feed.IndexOf("BasisCode");
            var date = delivery.Feed.IndexOf("ReleaseDate");
            foreach (var row in reader.ReadRows().Where(r => (string)r.Values![basis]! == "DACA-ELIGIBLE"))
                Assert.InRange((DateOnly)row.Values![date]!, new DateOnly(2012, 6, 15), new DateOnly(2014, 9, 30));
        }
    }

    [Theory]
    [InlineData(2012, 152_430, 1_684, 0)]
    [InlineData(2013, 427_612, 470_596, 11_019)]
    [InlineData(2014, 238_898, 158_154, 21_069)]
    public void DACA_requests_accepted_approved_and_denied_per_fiscal_year(int fy, long accepted, long approved, long denied)
    {
        Assert.Equal(accepted, Daca(fy, "accepted"));
        Assert.Equal(approved, Daca(fy, "approved"));
        Assert.Equal(denied, Daca(fy, "denied"));
    }

    [Fact]
    public void FY2014_acceptances_split_into_122474_initial_and_116424_renewal()
    {
        var delivery = DeliveryReader.Open(Path.Combine(full.Folder, Generator.DeliveryName(GenFeed.Daca, 2014)));
        using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
        var type = delivery.Feed.IndexOf("RequestType");
        var accepted = delivery.Feed.IndexOf("AcceptedDate");
        var counts = reader.ReadRows().Where(r => (DateOnly)r.Values![accepted]! >= new DateOnly(2013, 10, 1))
            .GroupBy(r => (string)r.Values![type]!).ToDictionary(g => g.Key, g => g.LongCount());
        Assert.Equal(122_474, counts["INITIAL"]);
        Assert.Equal(116_424, counts["RENEWAL"]);
    }

    [Fact]
    public void The_population_is_connected()
    {
        var persons = full.Truth.RootElement.GetProperty("persons");
        var referrals = full.Truth.RootElement.GetProperty("daca").EnumerateArray()
            .Where(d => d.GetProperty("referralSource").GetString() != "SELF").Sum(d => d.GetProperty("accepted").GetInt64());
        Assert.True(persons.GetProperty("pdRecipientsLaterArrested").GetInt64() > 0);
        Assert.True(referrals > 0);
        var records = full.Truth.RootElement.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("rowsLoaded").GetInt64());
        Assert.True(persons.GetProperty("distinct").GetInt64() < records * 0.9, "persons recur across records");
        // Two-stage recording: ERO has more records than decisions.
        Assert.True(Decisions("ICE-ERO", "REL", "NOT-PRIORITY", 2014, "decisions") < 12_757);
    }
}
