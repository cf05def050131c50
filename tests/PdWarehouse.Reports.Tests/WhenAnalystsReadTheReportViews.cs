using System.Data.Common;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// pdw_report and pdw_analyst read every rpt view, and analysts are denied dw.DimPerson.PersonHash:
/// no rpt view may hand the pseudonym back to them.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenAnalystsReadTheReportViews(RenderedReports reports)
{
    [Fact]
    public void No_report_view_shows_a_person_pseudonym()
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        var views = db.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'rpt' ORDER BY table_name").ToList();
        Assert.Contains("DiscretionPerson", views);
        var hashes = FixtureWarehouse.AllPersonHashes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var view in views)
        {
            using var cmd = db.Connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM rpt.{view}";
            using DbDataReader reader = cmd.ExecuteReader();
            for (var c = 0; c < reader.FieldCount; c++)
                Assert.False(reader.GetName(c).Contains("Hash", StringComparison.OrdinalIgnoreCase), $"rpt.{view}.{reader.GetName(c)}");
            while (reader.Read())
                for (var c = 0; c < reader.FieldCount; c++)
                    Assert.False(reader.GetValue(c) is string s && hashes.Contains(s.Trim()), $"rpt.{view}.{reader.GetName(c)} shows a person hash");
        }
    }
}
