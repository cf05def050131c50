using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Warehouse.Tests;

/// <summary>
/// The dacpac built by `dotnet build` (copied beside this assembly), its model, and one DuckDB warehouse
/// initialised from it: built once and shared by the tests of a collection.
/// </summary>
public sealed class WarehouseFixture : IDisposable
{
    public WarehouseFixture()
    {
        Sources = WarehouseSources.Locate();
        DacpacPath = Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac");
        Model = WarehouseModel.LoadDacpac(DacpacPath);
        Reference = ReferenceData.Load(Sources, Model);
        Directory = System.IO.Directory.CreateTempSubdirectory("pdw-warehouse-tests-").FullName;
        DuckDbPath = Path.Combine(Directory, "pdw.duckdb");
        InitResult = new DuckDbWarehouseInitializer(Model, Reference).Initialize(DuckDbPath);
    }

    public WarehouseSources Sources { get; }
    public string DacpacPath { get; }
    public WarehouseModel Model { get; }
    public IReadOnlyList<ReferenceTable> Reference { get; }
    public string Directory { get; }
    public string DuckDbPath { get; }
    public InitializationResult InitResult { get; }

    public void Dispose()
    {
        Model.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class WarehouseCollection : ICollectionFixture<WarehouseFixture>
{
    public const string Name = "warehouse";
}
