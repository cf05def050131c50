using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tests.Fixture;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// No SQL Server runs here, so every report query DuckDB ran is also compiled by DacFx into a
/// throwaway procedure in the warehouse model: a column or view that SQL Server would not find fails.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed partial class WhenReportSqlIsBoundToTheModel(RenderedReports reports)
{
    private List<string> AllQueries()
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        using var data = new ReportData(db, FixtureWarehouse.FiscalYear);
        Documents.Build(ReportKind.Yearbook, data, FixtureWarehouse.MinimumCell, new DateOnly(2014, 12, 1));
        Documents.Build(ReportKind.Annual, data, FixtureWarehouse.MinimumCell, new DateOnly(2014, 12, 1));
        // Every table a definition holds, whichever report prints it (the monitoring report's need its computed content
        // to be built) and the published series' queries, which run only where a table's years lack microdata.
        var defined = data.Definitions.Tables.Values.SelectMany(t => t.Published is { } p ? new[] { t.Sql, p.Sql } : [t.Sql]);
        return data.QueriesRun.Concat(defined).Distinct().ToList();
    }

    [Fact]
    public void Every_report_query_binds_in_the_sql_server_model()
    {
        var queries = AllQueries();
        Assert.True(queries.Count > 30, $"only {queries.Count} queries recorded");
        using var model = WarehouseModel.LoadDacpac(Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac"));
        for (var i = 0; i < queries.Count; i++)
            model.Model.AddObjects($"""
                CREATE PROCEDURE rpt.ReportQueryCheck{i} @fy INT, @first INT, @earliest INT, @prior INT, @fyStart DATE, @fyEnd DATE,
                    @periodStart DATE, @periodEnd DATE
                AS
                {queries[i]};
                """);
        var errors = model.Model.Validate().Where(m => m.MessageType == DacMessageType.Error).Select(m => m.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void A_query_naming_a_column_the_view_lacks_fails_to_bind()
    {
        using var model = WarehouseModel.LoadDacpac(Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac"));
        model.Model.AddObjects("CREATE PROCEDURE rpt.ReportQueryCheckBad @fy INT AS SELECT OfficeNmae FROM rpt.EnforcementAction WHERE FiscalYear = @fy;");
        Assert.Contains(model.Model.Validate(), m => m.MessageType == DacMessageType.Error && m.Message.Contains("OfficeNmae", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_queries_stay_in_the_sql_both_engines_share()
    {
        foreach (var sql in AllQueries())
            Assert.False(EngineSpecific().IsMatch(sql), $"engine-specific SQL: {sql}");
    }

    [GeneratedRegex(@"\[|\bTOP\b|\bLIMIT\b|\bISNULL\b|\bIIF\b|\bGETDATE\b|\bCOUNT_BIG\b|\|\|", RegexOptions.IgnoreCase)]
    private static partial Regex EngineSpecific();
}
