using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenTheWarehouseLacksAReportView(RenderedReports reports)
{
    [Fact]
    public void The_failure_names_the_view_and_the_way_to_add_it()
    {
        var copy = Path.Combine(reports.Directory, "without-view.duckdb");
        File.Copy(reports.DatabasePath, copy);
        using var db = WarehouseConnection.OpenDuckDb(copy);
        db.Execute("DROP VIEW rpt.DiscretionPerson");
        var ex = Assert.Throws<ReportQueryException>(() => ReportGenerator.BuildDocument(db, ReportKind.Yearbook, reports.Options("unused")));
        Assert.Contains("rpt.DiscretionPerson", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pdw warehouse init", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
