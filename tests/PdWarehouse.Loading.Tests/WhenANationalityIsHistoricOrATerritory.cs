using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Nationalities the Yearbook prints that ISO 3166-1 no longer assigns, and US territories, were missing from the
/// country list: their records fell into Unknown with only a data-quality line (issue 23). Each now has its own member
/// and OIS region, written out here by hand.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenANationalityIsHistoricOrATerritory(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    [Theory]
    [InlineData("SU", "Soviet Union, former", "Europe", true)]
    [InlineData("YU", "Yugoslavia, former", "Europe", true)]
    [InlineData("CS", "Serbia and Montenegro", "Europe", true)]
    [InlineData("AN", "Netherlands Antilles", "North America", true)]
    [InlineData("GU", "Guam", "Oceania", false)]
    [InlineData("AS", "American Samoa", "Oceania", false)]
    [InlineData("MP", "Northern Mariana Islands", "Oceania", false)]
    [InlineData("PR", "Puerto Rico", "North America", false)]
    [InlineData("VI", "U.S. Virgin Islands", "North America", false)]
    public void A_record_of_that_nationality_keeps_it_with_its_region(string code, string name, string region, bool withdrawn)
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1", country: code)]));
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal($"{code}|{name}|{region}|{(withdrawn ? "true" : "false")}", WarehouseSnapshot.Text(db,
            "SELECT CONCAT(c.CountryCode, '|', c.CountryName, '|', c.Region, '|', CAST(c.IsWithdrawn AS VARCHAR)) FROM dw.FactEnforcementAction f JOIN dw.DimCountry c ON c.CountryKey = f.NationalityCountryKey WHERE f.SourceRecordId = 'R1'"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM etl.DataQualityResult WHERE LineageKey = {result.LineageKey} AND TestType = 'CONFORMANCE' AND FailingRows > 0"));
    }
}
