using PdWarehouse.Warehouse;
using Sylvan.Data.Csv;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// The goals code and the warehouse agree: the load's SQL binds against the dacpac model (SQL Server), the catalog's value
/// lists are the reference data's codes, and the command line reports problems by line with a failing exit status.
/// </summary>
public sealed class WhenTheGoalsMeetTheWarehouse
{
    [Fact]
    public void The_goals_load_SQL_binds_against_the_dacpac_model_and_uses_only_shared_constructs()
    {
        Assert.Empty(SharedSqlBinder.Bind(WarehouseSources.Locate(), GoalsSql.All));
        foreach (var (name, sql) in GoalsSql.All) Assert.True(SharedSqlBinder.EngineSpecificConstructs(sql).Count == 0, name);
    }

    [Fact]
    public void The_measurement_SQL_of_every_measure_kind_and_population_binds_against_the_dacpac_model()
    {
        // Every population with every field filtered on, and every event pair: the generated text for all of them.
        var statements = new List<(string Name, string Sql)>
        {
            (nameof(MeasurementSql.Clear), MeasurementSql.Clear), (nameof(MeasurementSql.CurrentIndicators), MeasurementSql.CurrentIndicators),
            (nameof(MeasurementSql.Insert), MeasurementSql.Insert(MeasurementSql.InsertRows)), (nameof(MeasurementSql.CurrentDefinitions), MeasurementSql.CurrentDefinitions),
            (nameof(MeasurementSql.LoadedDataEnd), MeasurementSql.LoadedDataEnd),
        };
        var from = new DateOnly(2013, 10, 1);
        var to = new DateOnly(2014, 9, 30);
        foreach (var (name, population) in MeasurementSql.Populations)
        {
            var catalog = MeasureCatalog.Population(name)!;
            Assert.Equal(catalog.Fields.Select(f => f.Name).Order(StringComparer.Ordinal), population.Fields.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(catalog.Events.Select(e => e.Name).Order(StringComparer.Ordinal), population.Events.Keys.Order(StringComparer.Ordinal));
            var all = catalog.Fields.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[f.Values?[0] ?? "X", f.Values?[^1] ?? "Y"]);
            statements.Add(($"{name} counts", MeasurementSql.Counts(name, all, all.Keys, all, from, to).Sql));
            foreach (var start in catalog.Events)
                foreach (var end in catalog.Events.Where(e => e != start))
                    statements.Add(($"{name} {start.Name}→{end.Name}", MeasurementSql.Intervals(name, all, start.Name, end.Name, from, to).Sql));
        }
        Assert.Empty(SharedSqlBinder.Bind(WarehouseSources.Locate(), statements));
        foreach (var (name, sql) in statements) Assert.True(SharedSqlBinder.EngineSpecificConstructs(sql).Count == 0, name);
    }

    private static List<string> ReferenceColumn(string table, string column, Func<string, bool>? keep = null)
    {
        using var reader = CsvDataReader.Create(Path.Combine(WarehouseSources.Locate().Root, "reference", $"{table}.csv"));
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(reader.GetOrdinal(column)));
        return values.Where(v => v != "UNKNOWN" && (keep?.Invoke(v) ?? true)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void The_catalog_value_lists_are_the_codes_of_the_reference_data()
    {
        Assert.Equal(ReferenceColumn("dw.DimComponent", "ComponentCode"), MeasureCatalog.Components.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimComponent", "Agency"), MeasureCatalog.Agencies.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimDiscretionDecision", "ActionCode"), MeasureCatalog.DiscretionActions.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimDiscretionDecision", "BasisCode"), MeasureCatalog.DiscretionBases.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimEnforcementActionType", "ActionCategory"), MeasureCatalog.EnforcementCategories.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimEnforcementActionType", "ActionTypeCode"), MeasureCatalog.EnforcementActionTypes.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimEnforcementPriority", "PriorityLevel", v => v.Length > 0).Append("NONE").Order(StringComparer.Ordinal),
            MeasureCatalog.PriorityLevels.Order(StringComparer.Ordinal));
        Assert.Equal(ReferenceColumn("dw.DimPolicy", "PolicyCode").Order(StringComparer.Ordinal),
            GoalsValidator.DefaultPolicies.Keys.Where(k => k != "UNKNOWN").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pdw_monitor_goals_validate_passes_the_shipped_file_and_fails_a_bad_one_naming_file_line_and_field()
    {
        var ok = Pdw.Run("monitor", "goals", "validate", Path.Combine("monitoring", "goals.yaml"));
        Assert.True(ok.ExitCode == 0, ok.Err);
        Assert.Contains("valid, version 2026-12-08.1, 5 indicators", ok.Out);

        var directory = Directory.CreateTempSubdirectory("pdw-goals-").FullName;
        try
        {
            var bad = Path.Combine(directory, "bad.yaml");
            var text = GoalsText.Edit(GoalsText.Shipped, "target: 0.95", "target: 1.5");
            File.WriteAllText(bad, text);
            var refused = Pdw.Run("monitor", "goals", "validate", bad);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"{bad}:{GoalsText.LineOf(text, "target: 1.5")}:5: indicators[1].target: target 1.5 is outside the range of a share", refused.Err);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void Docs_monitoring_md_documents_every_population_field_event_and_gap_of_the_catalog()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PdWarehouse.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "monitoring.md"));
        var missing = MeasureCatalog.Populations
            .SelectMany(p => new[] { p.Name }.Concat(p.Fields.Select(f => f.Name)).Concat(p.Events.Select(e => e.Name)).Concat(p.Gaps.Select(g => g.Name)))
            .Concat(MeasureCatalog.Kinds)
            .Where(name => !docs.Contains($"`{name}`", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(missing.Count == 0, $"docs/monitoring.md does not name: {string.Join(", ", missing)}");
    }
}
