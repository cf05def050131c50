namespace PdWarehouse.Warehouse.Tests;

/// <summary>The conventions of DESIGN §5, checked on the compiled model rather than by review.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class ModelConventionTests(WarehouseFixture fixture)
{
    private IEnumerable<TableDefinition> Dimensions => fixture.Model.Tables.Where(t => t.Role == TableRole.Dimension);
    private IEnumerable<TableDefinition> Facts => fixture.Model.Tables.Where(t => t.Role == TableRole.Fact);
    private IEnumerable<TableDefinition> Summaries => fixture.Model.Tables.Where(t => t.Role == TableRole.Summary);

    [Fact]
    public void The_model_has_the_dimensions_and_facts_of_the_design()
    {
        Assert.True(Dimensions.Count() >= 9);
        Assert.Equal(["dw.FactDeferredActionRequest", "dw.FactDiscretionDecision", "dw.FactEnforcementAction"], Facts.Select(f => f.FullName));
        Assert.Equal(["dw.FactDeferredActionRequestSummary", "dw.FactDiscretionDecisionSummary", "dw.FactDiscretionPersonSummary", "dw.FactEnforcementActionSummary"], Summaries.Select(f => f.FullName));
    }

    [Fact]
    public void Every_summary_is_refreshed_by_the_loads_keyed_by_its_grain_and_carries_LineageKey()
    {
        Assert.Equal(Summaries.Select(s => s.FullName).Order(), FactSummaries.All.Select(s => s.Table).Order());
        foreach (var summary in FactSummaries.ByFiscalYear)
        {
            var table = fixture.Model.Table(summary.Table);
            Assert.Equal(TableRole.Fact, fixture.Model.Table(summary.FactTable).Role);
            Assert.Equal(summary.Keys.Select(k => k.Column).Prepend("FiscalYear"), table.PrimaryKey);
        }
        Assert.Equal(["FiscalYear", "ComponentKey", "PersonId"], fixture.Model.Table(FactSummaries.DiscretionPersons.Table).PrimaryKey);
        foreach (var table in Summaries)
        {
            Assert.Contains(table.Columns, c => c.Name == "LineageKey" && !c.IsNullable);
            Assert.StartsWith("One row per fiscal year", table.Description);
        }
    }

    [Fact]
    public void Every_copied_name_has_its_dimension_columns_type_and_nullability_and_every_key_a_foreign_key()
    {
        foreach (var summary in FactSummaries.ByFiscalYear)
        {
            var table = fixture.Model.Table(summary.Table);
            Assert.NotEmpty(summary.Dimensions);
            foreach (var dim in summary.Dimensions)
            {
                Assert.Contains(table.ForeignKeys, fk => fk.Columns.SequenceEqual([dim.SummaryKey]) && fk.ReferencedTable == dim.Table && fk.ReferencedColumns.SequenceEqual([dim.Key]));
                foreach (var (column, dimensionColumn) in dim.Copies)
                {
                    var copy = table.Column(column);
                    var source = fixture.Model.Table(dim.Table).Column(dimensionColumn);
                    Assert.True((copy.SqlTypeText, copy.IsNullable) == (source.SqlTypeText, source.IsNullable),
                        $"{summary.Table}.{column} is {copy.SqlTypeText} {(copy.IsNullable ? "NULL" : "NOT NULL")}, {dim.Table}.{dimensionColumn} is {source.SqlTypeText} {(source.IsNullable ? "NULL" : "NOT NULL")}");
                }
            }
            // Every column is a key, a copy, a measure or LineageKey: nothing the refresh would leave unset.
            var filled = summary.Keys.Select(k => k.Column).Prepend("FiscalYear").Append(summary.RowCount).Concat(summary.OtherMeasures.Select(m => m.Column))
                .Concat(summary.Dimensions.SelectMany(d => d.Copies.Select(c => c.Column))).Append("LineageKey");
            Assert.Equal(table.Columns.Select(c => c.Name).Order(), filled.Order());
        }
    }

    [Fact]
    public void Every_dimension_has_a_surrogate_key_LineageKey_and_an_Unknown_member_with_key_0()
    {
        foreach (var dim in Dimensions)
        {
            Assert.True(dim.PrimaryKey.Count == 1 && dim.PrimaryKey[0] == dim.Name[3..] + "Key", $"{dim.FullName}: key should be {dim.Name[3..]}Key");
            Assert.True(dim.Columns.Any(c => c.Name == "LineageKey" && !c.IsNullable), $"{dim.FullName} lacks LineageKey");
            var reference = fixture.Reference.SingleOrDefault(r => r.Table.FullName == dim.FullName);
            Assert.True(reference is not null, $"{dim.FullName} has no reference data, so no Unknown member");
            var key = reference!.Columns.ToList().IndexOf(dim.PrimaryKey[0]);
            Assert.Contains(reference.Rows, r => Convert.ToInt64(r[key]) == 0);
        }
    }

    [Fact]
    public void Slowly_changing_dimensions_carry_ValidFrom_ValidTo_and_IsCurrent()
    {
        string[] scd2 = ["dw.DimOffice", "dw.DimPerson"];
        foreach (var name in scd2)
        {
            var t = fixture.Model.Table(name);
            Assert.True(t.IsSlowlyChanging);
            Assert.Contains(t.Columns, c => c.Name == "IsCurrent");
        }
    }

    [Fact]
    public void Every_fact_has_LineageKey_a_source_business_key_and_a_clustered_columnstore()
    {
        foreach (var fact in Facts)
        {
            Assert.Contains(fact.Columns, c => c.Name == "LineageKey" && !c.IsNullable);
            Assert.Contains(fact.Columns, c => c.Name == "SourceSystem" && !c.IsNullable);
            Assert.Contains(fact.Columns, c => c.Name == "SourceRecordId" && !c.IsNullable);
            Assert.True(fact.HasClusteredColumnstore, $"{fact.FullName} has no clustered columnstore index");
        }
    }

    [Fact]
    public void Every_table_states_its_grain()
    {
        foreach (var t in fixture.Model.Tables)
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.FullName} has no Description");
            Assert.StartsWith("One row per", t.Description);
        }
    }

    [Fact]
    public void Staging_tables_are_all_nullable_but_for_their_batch_and_source_line()
    {
        foreach (var t in fixture.Model.Tables.Where(t => t.Role == TableRole.Staging))
        {
            Assert.Equal(["LineageKey", "SourceRowNumber"], t.Columns.TakeLast(2).Select(c => c.Name));
            Assert.All(t.Columns.SkipLast(2), c => Assert.True(c.IsNullable, $"{t.FullName}.{c.Name} should be nullable"));
        }
    }

    [Fact]
    public void No_table_has_an_IDENTITY_column_because_the_loader_assigns_keys_deterministically()
    {
        Assert.All(fixture.Model.Tables, t => Assert.True(t.Identity is null, $"{t.FullName} has an IDENTITY column"));
    }

    [Fact]
    public void Names_contain_no_spaces_or_brackets()
    {
        var names = fixture.Model.Tables.SelectMany(t => t.Columns.Select(c => c.Name).Append(t.Name))
            .Concat(fixture.Model.Views.SelectMany(v => v.Columns.Append(v.Name)));
        foreach (var name in names)
            Assert.Matches("^[A-Za-z][A-Za-z0-9_]*$", name);
    }

    [Fact]
    public void The_analyst_role_can_read_dw_and_rpt_but_never_the_person_pseudonym_or_staging()
    {
        var analyst = fixture.Model.Permissions.Where(p => p.Grantee == "pdw_analyst").ToList();
        Assert.Contains(analyst, p => p is { Action: "GRANT", Permission: "SELECT", Securable: "dw" });
        Assert.Contains(analyst, p => p is { Action: "GRANT", Permission: "SELECT", Securable: "rpt" });
        Assert.Contains(analyst, p => p.Action == "DENY" && p.Securable == "dw.DimPerson" && p.Columns.Contains("PersonHash"));
        Assert.DoesNotContain(analyst, p => p.Action == "GRANT" && (p.Securable is "stg" or "etl"));
        var report = fixture.Model.Permissions.Where(p => p.Grantee == "pdw_report").ToList();
        Assert.All(report, p => Assert.Equal("rpt", p.Securable));
    }
}
