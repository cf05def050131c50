using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Rendering;

namespace PdWarehouse.Reports.Tests.Fixture;

/// <summary>Both reports rendered once from the fixture warehouse with one Chromium, shared by every test class.</summary>
public sealed class RenderedReports : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("pdw-reports-tests-").FullName;
    public string DatabasePath { get; private set; } = "";
    public ReportOutput Yearbook { get; private set; } = null!;
    public ReportOutput Annual { get; private set; } = null!;
    public ChromiumPdfPrinter Printer { get; private set; } = null!;
    public TemplateRenderer Templates { get; } = TemplateRenderer.Locate();

    public IEnumerable<ReportOutput> Both => [Yearbook, Annual];

    public ReportOutput Of(ReportKind kind) => kind == ReportKind.Yearbook ? Yearbook : Annual;

    public async Task InitializeAsync()
    {
        DatabasePath = FixtureWarehouse.Create(Directory);
        Printer = await ChromiumPdfPrinter.LaunchAsync();
        using var db = WarehouseConnection.OpenDuckDb(DatabasePath);
        var generator = new ReportGenerator(db, Templates, Printer);
        Yearbook = await generator.RenderAsync(ReportKind.Yearbook, Options("yearbook"));
        Annual = await generator.RenderAsync(ReportKind.Annual, Options("annual"));
    }

    public ReportOptions Options(string subdirectory) =>
        new(FixtureWarehouse.FiscalYear, Path.Combine(Directory, subdirectory), FixtureWarehouse.MinimumCell) { Prepared = new DateOnly(2014, 12, 1) };

    public async Task DisposeAsync()
    {
        await Printer.DisposeAsync();
        if (Environment.GetEnvironmentVariable("PDW_KEEP_TEST_OUTPUT") is null)
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RenderedReportsCollection : ICollectionFixture<RenderedReports>
{
    public const string Name = "Rendered reports";
}
