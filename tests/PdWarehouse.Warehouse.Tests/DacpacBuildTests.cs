using System.IO.Compression;

namespace PdWarehouse.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class DacpacBuildTests(WarehouseFixture fixture)
{
    [Fact]
    public void The_build_produced_a_dacpac_with_the_model_and_both_deployment_scripts()
    {
        using var zip = ZipFile.OpenRead(fixture.DacpacPath);
        var parts = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("model.xml", parts);
        Assert.Contains("predeploy.sql", parts);
        Assert.Contains("postdeploy.sql", parts);
    }

    [Fact]
    public void The_model_holds_every_schema_and_role_of_the_design()
    {
        Assert.Equal(["dw", "etl", "rpt", "stg"], fixture.Model.Schemas.Where(s => s != "dbo"));
        Assert.Equal(["pdw_analyst", "pdw_etl", "pdw_report"], fixture.Model.Roles);
        string[] designTables =
        [
            "dw.DimDate", "dw.DimComponent", "dw.DimOffice", "dw.DimPolicy", "dw.DimDiscretionDecision", "dw.DimPerson",
            "dw.DimCountry", "dw.DimEnforcementPriority", "dw.DimProcessStage",
            "dw.FactDiscretionDecision", "dw.FactEnforcementAction", "dw.FactDeferredActionRequest",
            "etl.Lineage", "etl.Reject", "etl.DataQualityResult", "etl.ControlTotal",
        ];
        foreach (var t in designTables) Assert.Contains(fixture.Model.Tables, x => x.FullName == t);
    }

    [Fact]
    public void The_offline_create_script_contains_every_table_view_role_and_the_reference_data()
    {
        var script = new Deployer(fixture.DacpacPath).CreateScript("PdWarehouse",
            new DeploymentOptions(false, false, new Dictionary<string, string>()));

        foreach (var t in fixture.Model.Tables)
            Assert.Contains($"CREATE TABLE [{t.Schema}].[{t.Name}]", script);
        foreach (var v in fixture.Model.Views)
            Assert.Contains($"CREATE VIEW {v.Schema}.{v.Name}", script);
        foreach (var r in fixture.Model.Roles)
            Assert.Contains($"CREATE ROLE [{r}]", script);
        Assert.Contains("DENY SELECT", script);
        foreach (var r in fixture.Reference)
            Assert.Contains($"MERGE {r.Table.FullName} AS t", script);
        // A sample of actual reference rows, not just the statements.
        Assert.Contains("N'Rio Grande Valley Sector'", script);
        Assert.Contains("'DHS-2014-11-20-PRI'", script);
        Assert.Contains("CAST('2014-09-30' AS DATE)", script);
        // The create script is for review: it makes the database, it connects to nothing.
        Assert.Contains("USE [$(DatabaseName)];", script);
        Assert.DoesNotContain("CREATE DATABASE", script);
    }
}
