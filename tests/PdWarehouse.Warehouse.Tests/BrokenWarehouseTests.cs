using System.Diagnostics;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>A copy of warehouse/ with one deliberate fault must fail the build, naming the file.</summary>
public sealed class BrokenWarehouseTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("pdw-broken-").FullName;

    public BrokenWarehouseTests() => CopyDirectory(WarehouseSources.Locate().Root, _copy);

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public void An_unresolved_column_reference_fails_the_build_naming_the_file()
    {
        var view = Path.Combine(_copy, "sql", "rpt", "Views", "EnforcementAction.sql");
        File.WriteAllText(view, File.ReadAllText(view).Replace("f.ArrestMethod", "f.ArrestMethodTypo", StringComparison.Ordinal));

        var ex = Assert.Throws<ModelBuildFailedException>(() => new PackageBuilder(WarehouseSources.Open(_copy)).BuildModel());

        var problem = ex.Problems.First(p => p.Message.Contains("ArrestMethodTypo", StringComparison.Ordinal));
        Assert.Equal("sql/rpt/Views/EnforcementAction.sql", problem.File);
        Assert.True(problem.Line > 0);
    }

    [Fact]
    public void A_syntax_error_fails_the_build_naming_file_and_line()
    {
        var table = Path.Combine(_copy, "sql", "dw", "Tables", "DimPolicy.sql");
        var lines = File.ReadAllLines(table).ToList();
        lines.Insert(5, "    BrokenColumn INT NOT NULL,,");
        File.WriteAllLines(table, lines);

        var ex = Assert.Throws<ModelBuildFailedException>(() => new PackageBuilder(WarehouseSources.Open(_copy)).BuildModel());

        var problem = ex.Problems[0];
        Assert.Equal("sql/dw/Tables/DimPolicy.sql", problem.File);
        Assert.Equal(6, problem.Line);
    }

    [Fact]
    public void The_build_time_compiler_exits_non_zero_with_an_msbuild_style_error()
    {
        var fk = Path.Combine(_copy, "sql", "dw", "Tables", "FactEnforcementAction.sql");
        File.WriteAllText(fk, File.ReadAllText(fk).Replace("REFERENCES dw.DimCountry (CountryKey)", "REFERENCES dw.DimCountry (NoSuchKey)", StringComparison.Ordinal));

        var compiler = Path.Combine(AppContext.BaseDirectory, "PdWarehouse.Warehouse.dll");
        var psi = new ProcessStartInfo("dotnet", [compiler, _copy, Path.Combine(_copy, "out.dacpac")])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("FactEnforcementAction.sql(", stderr);
        Assert.Contains(": error SQL71501:", stderr);
        Assert.False(File.Exists(Path.Combine(_copy, "out.dacpac")));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
