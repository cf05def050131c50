namespace PdWarehouse.Warehouse.Tests;

/// <summary>docs/data-dictionary.md is what analysts read: it must describe every column and match the schema as built.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class DataDictionaryTests(WarehouseFixture fixture)
{
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PdWarehouse.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("PdWarehouse.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_column_of_every_table_has_a_description()
    {
        var missing = fixture.Model.Tables.SelectMany(t => t.Columns.Where(c => string.IsNullOrWhiteSpace(c.Description)).Select(c => $"{t.FullName}.{c.Name}")).ToList();
        Assert.True(missing.Count == 0, "Columns without a Description extended property: " + string.Join(", ", missing));
    }

    [Fact]
    public void Column_descriptions_are_one_line_sentences()
    {
        foreach (var t in fixture.Model.Tables)
            foreach (var c in t.Columns)
            {
                Assert.DoesNotContain('\n', c.Description!);
                Assert.True(c.Description!.EndsWith('.'), $"{t.FullName}.{c.Name}: '{c.Description}' should end with a full stop");
            }
    }

    [Fact]
    public void The_committed_dictionary_is_what_the_current_model_generates()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "data-dictionary.md"));
        Assert.True(committed == DataDictionaryWriter.Write(fixture.Model),
            "docs/data-dictionary.md is stale: run `dotnet build` (or `pdw warehouse dictionary --out docs/data-dictionary.md`) and commit it.");
    }

    [Fact]
    public void The_dictionary_lists_every_table_with_its_grain_and_every_column_with_type_nullability_and_description()
    {
        var text = DataDictionaryWriter.Write(fixture.Model);
        foreach (var t in fixture.Model.Tables)
        {
            Assert.Contains($"### {t.FullName}\n\n**Grain:** {t.Description}", text, StringComparison.Ordinal);
            foreach (var c in t.Columns)
                Assert.Contains($"| {c.Name} | {c.SqlTypeText} | {(c.IsNullable ? "yes" : "no")} | {c.Description!.Replace("|", "\\|", StringComparison.Ordinal)}", text, StringComparison.Ordinal);
        }
        foreach (var v in fixture.Model.Views)
        {
            Assert.Contains($"### {v.FullName}", text, StringComparison.Ordinal);
            Assert.All(v.Columns, c => Assert.Contains($"| {c} | ", text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_dictionary_says_who_can_read_each_table_and_which_columns_are_denied()
    {
        var text = DataDictionaryWriter.Write(fixture.Model);
        string Section(string name)
        {
            var start = text.IndexOf($"### {name}\n", StringComparison.Ordinal);
            var end = text.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
            return text[start..(end < 0 ? text.Length : end)];
        }
        Assert.Contains("Readable by: pdw_analyst (denied PersonHash), pdw_etl.", Section("dw.DimPerson"));
        Assert.Contains("Readable by: pdw_analyst, pdw_etl, pdw_report.", Section("rpt.DiscretionDecision"));
        foreach (var t in fixture.Model.Tables.Where(t => t.Schema is "stg" or "etl"))
            Assert.Contains("Readable by: pdw_etl.", Section(t.FullName));
    }

    [Fact]
    public void Rendering_twice_gives_the_same_text()
    {
        Assert.Equal(DataDictionaryWriter.Write(fixture.Model), DataDictionaryWriter.Write(fixture.Model));
    }

    [Fact]
    public void Pdw_warehouse_dictionary_writes_the_same_file_the_build_writes()
    {
        var file = Path.Combine(fixture.Directory, "dictionary.md");
        var result = CommandLineTests.Pdw("warehouse", "dictionary", "--out", file, "--dacpac", fixture.DacpacPath);
        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("Wrote", result.Out);
        Assert.Equal(DataDictionaryWriter.Write(fixture.Model), File.ReadAllText(file));
    }
}
