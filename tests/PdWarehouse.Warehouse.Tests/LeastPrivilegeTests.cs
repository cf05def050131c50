using Microsoft.SqlServer.Dac.Model;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>
/// What each role can read, computed from the GRANT and DENY statements of the model the way SQL Server applies
/// them (schema grants reach every table and view in the schema; a column DENY removes that column), and what
/// the rpt views expose. Views matter as much as grants: through ownership chaining a dbo-owned view that selected
/// dw.DimPerson.PersonHash would hand it to pdw_analyst despite the column DENY.
/// </summary>
[Collection(WarehouseCollection.Name)]
public sealed class LeastPrivilegeTests(WarehouseFixture fixture)
{
    /// <summary>Columns of the person identity: the pseudonym and its identifier hashes, and the raw identifiers staging holds.</summary>
    private static readonly string[] PersonIdentifying = ["PersonHash", "IdentifierHash", "ANumberHash", "FinHash", "NameKeyHash", "ANumber", "Fin", "FamilyName", "GivenName", "BirthDate", "Label"];

    private IEnumerable<(string Object, string Column)> ObjectColumns(string schema) =>
        fixture.Model.Tables.Where(t => t.Schema == schema).SelectMany(t => t.Columns.Select(c => (t.FullName, c.Name)))
            .Concat(fixture.Model.Views.Where(v => v.Schema == schema).SelectMany(v => v.Columns.Select(c => (v.FullName, c))));

    private IEnumerable<(string Object, string Column)> ObjectColumnsOf(string fullName) =>
        ObjectColumns(fullName.Split('.')[0]).Where(c => c.Object == fullName);

    private HashSet<(string Object, string Column)> Readable(string role)
    {
        var permissions = fixture.Model.Permissions.Where(p => p.Grantee == role && p.Permission == "SELECT").ToList();
        IEnumerable<(string, string)> Reach(PermissionDefinition p) => p.SecurableType switch
        {
            "Schema" => ObjectColumns(p.Securable),
            _ when p.Columns.Count > 0 => p.Columns.Select(c => (p.Securable, c)),
            _ => ObjectColumnsOf(p.Securable),
        };
        var readable = permissions.Where(p => p.Action == "GRANT").SelectMany(Reach).ToHashSet();
        readable.ExceptWith(permissions.Where(p => p.Action == "DENY").SelectMany(Reach));
        return readable;
    }

    [Fact]
    public void Grants_are_only_given_to_the_three_warehouse_roles()
    {
        Assert.Equal(["pdw_analyst", "pdw_etl", "pdw_report"], fixture.Model.Roles);
        Assert.All(fixture.Model.Permissions, p => Assert.Contains(p.Grantee, fixture.Model.Roles));
    }

    [Fact]
    public void The_analyst_reaches_no_person_identifying_column_and_nothing_in_stg_or_etl()
    {
        var readable = Readable("pdw_analyst");
        Assert.NotEmpty(readable);
        Assert.DoesNotContain(readable, c => PersonIdentifying.Contains(c.Column));
        Assert.DoesNotContain(readable, c => c.Object.StartsWith("stg.", StringComparison.Ordinal) || c.Object.StartsWith("etl.", StringComparison.Ordinal));
        // Counting distinct persons still works: the surrogate key is readable, the pseudonym is not.
        Assert.Contains(("dw.DimPerson", "PersonKey"), readable);
        Assert.DoesNotContain(("dw.DimPerson", "PersonHash"), readable);
    }

    [Fact]
    public void The_analyst_can_write_nothing()
    {
        Assert.All(fixture.Model.Permissions.Where(p => p.Grantee == "pdw_analyst" && p.Action == "GRANT"),
            p => Assert.Equal("SELECT", p.Permission));
    }

    [Fact]
    public void The_report_role_reaches_only_rpt_and_only_reads()
    {
        var readable = Readable("pdw_report");
        Assert.NotEmpty(readable);
        Assert.All(readable, c => Assert.StartsWith("rpt.", c.Object, StringComparison.Ordinal));
        Assert.All(fixture.Model.Permissions.Where(p => p.Grantee == "pdw_report"),
            p => Assert.True(p is { Action: "GRANT", Permission: "SELECT", SecurableType: "Schema", Securable: "rpt" }, $"unexpected {p}"));
    }

    /// <summary>
    /// What a view exposes is its output columns and what they are computed from. Views may join on the pseudonym
    /// (linking a person's versions needs it) and may aggregate load control tables (the data-quality appendix), as
    /// long as no output column carries a person-identifying column, staged raw data or quarantined raw text.
    /// </summary>
    [Fact]
    public void No_rpt_view_in_the_model_exposes_a_person_identifying_column_staging_or_raw_reject_text()
    {
        foreach (var view in fixture.Model.Views.Where(v => v.Schema == "rpt"))
        {
            Assert.DoesNotContain(view.Columns, c => PersonIdentifying.Contains(c));
            var modelView = fixture.Model.Model.GetObject(ModelSchema.View, new ObjectIdentifier(view.Schema, view.Name), DacQueryScopes.UserDefined)!;
            var lineage = modelView.GetReferenced(View.Columns).SelectMany(c => c.GetReferenced(Column.ExpressionDependencies)).ToList();
            Assert.NotEmpty(lineage);
            foreach (var source in lineage.Where(r => r.ObjectType == ModelSchema.Column))
            {
                Assert.False(source.Name.Parts[0] == "stg", $"{view.FullName} exposes staged {source.Name}");
                Assert.False(PersonIdentifying.Contains(source.Name.Parts[^1]), $"{view.FullName} exposes {source.Name}");
                Assert.False(source.Name.Parts[^1] is "RawText" or "Message", $"{view.FullName} exposes {source.Name}");
            }
            var referenced = modelView.GetReferenced(DacQueryScopes.UserDefined).ToList();
            Assert.DoesNotContain(referenced, r => r.Name.Parts[0] == "stg");
        }
    }

    [Fact]
    public void No_rpt_view_in_DuckDB_exposes_a_person_identifying_column_staging_or_raw_reject_text()
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.DuckDbPath);
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'rpt'";
        var exposed = new List<(string, string)>();
        using (var reader = columns.ExecuteReader())
            while (reader.Read()) exposed.Add((reader.GetString(0), reader.GetString(1)));
        Assert.Equal(fixture.Model.Views.Where(v => v.Schema == "rpt").Sum(v => v.Columns.Count), exposed.Count);
        Assert.DoesNotContain(exposed, c => PersonIdentifying.Contains(c.Item2, StringComparer.OrdinalIgnoreCase));

        using var views = connection.CreateCommand();
        views.CommandText = "SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'rpt'";
        using var viewReader = views.ExecuteReader();
        var count = 0;
        while (viewReader.Read())
        {
            count++;
            Assert.DoesNotContain("stg.", viewReader.GetString(1), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("RawText", viewReader.GetString(1), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(fixture.Model.Views.Count(v => v.Schema == "rpt"), count);
    }
}
