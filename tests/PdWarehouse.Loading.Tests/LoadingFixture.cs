using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>The model, data tests and an initialised empty warehouse that each test copies.</summary>
public sealed class LoadingFixture : IDisposable
{
    public LoadingFixture()
    {
        Sources = WarehouseSources.Locate();
        DacpacPath = Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac");
        Model = WarehouseModel.LoadDacpac(DacpacPath);
        Tests = DataTestCatalog.Load(Sources, Model);
        Root = Directory.CreateTempSubdirectory("pdw-loading-").FullName;
        EmptyWarehouse = Path.Combine(Root, "empty.duckdb");
        new DuckDbWarehouseInitializer(Model, ReferenceData.Load(Sources, Model)).Initialize(EmptyWarehouse);
        KeyText = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());
        Key = PseudonymKey.FromText(KeyText, "test");
    }

    public WarehouseSources Sources { get; }
    public string DacpacPath { get; }
    public WarehouseModel Model { get; }
    public IReadOnlyList<DataTest> Tests { get; }
    public string Root { get; }
    public string EmptyWarehouse { get; }
    public string KeyText { get; }
    public PseudonymKey Key { get; }

    /// <summary>A fresh copy of the initialised warehouse for one test.</summary>
    public string NewWarehouse()
    {
        var path = Path.Combine(Root, $"w-{Guid.NewGuid():N}.duckdb");
        File.Copy(EmptyWarehouse, path);
        return path;
    }

    public BatchResult Load(string warehousePath, string delivery, LoadOptions? options = null)
    {
        using var w = WarehouseConnection.OpenDuckDb(warehousePath);
        return new BatchLoader(w, Model, Key, Tests, options ?? new LoadOptions(), NoProgress.Instance, TimeProvider.System).Load(delivery);
    }

    public void Dispose()
    {
        Model.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class LoadingCollection : ICollectionFixture<LoadingFixture>
{
    public const string Name = "loading";
}

/// <summary>Writes a delivery folder (CSV + manifest with checksums) for a feed, from rows given as text.</summary>
public static class DeliveryBuilder
{
    public static string Write(string parent, string feedName, IEnumerable<string[]> rows, string fiscalYear = "2014",
        IReadOnlyList<ControlTotal>? controlTotals = null, string? name = null, string formatVersion = FeedCatalog.FormatVersion)
    {
        var feed = FeedCatalog.Get(feedName);
        var folder = Path.Combine(parent, name ?? $"{feedName}-FY{fiscalYear}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", feed.Columns.Select(c => c.Name))).Append('\n');
        var count = 0;
        foreach (var row in rows)
        {
            sb.Append(string.Join(",", row.Select(Quote))).Append('\n');
            count++;
        }
        var file = Path.Combine(folder, "data.csv");
        File.WriteAllText(file, sb.ToString(), new UTF8Encoding(false));
        var fy = int.Parse(fiscalYear, CultureInfo.InvariantCulture);
        var manifest = new Manifest(formatVersion, feedName, feed.Component, feed.SourceSystem, new DateOnly(fy - 1, 10, 1), new DateOnly(fy, 9, 30),
            new DateTimeOffset(fy, 10, 15, 0, 0, 0, TimeSpan.Zero),
            [new ManifestFile("data.csv", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), count)], controlTotals ?? []);
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    private static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    /// <summary>A removals-and-returns row in the feed's column order.</summary>
    public static string[] Removal(string id, string date, string type = "ER", string aor = "ATL", string status = "CRIMINAL",
        string aNumber = "", string fin = "", string family = "Garcia", string given = "Jose", string birth = "1985-02-03", string country = "MX") =>
        [id, aor, date, type, status, status == "CRIMINAL" ? "1" : "", aNumber, fin, family, given, birth, "M", country];

    /// <summary>An ICE administrative arrest row in the feed's column order (an apprehension, for the follow-up of PD recipients).</summary>
    public static string[] Arrest(string id, string date, string status = "NON-CRIMINAL", string aNumber = "", string fin = "",
        string family = "Garcia", string given = "Jose", string birth = "1985-02-03", string country = "MX") =>
        [id, "ICE-ERO", "ATL", date, "LOCATED", status, "", "", aNumber, fin, family, given, birth, "M", country];

    /// <summary>An ERO PD decision row in the feed's column order.</summary>
    public static string[] EroDecision(string id, string date, string action = "REL", string basis = "NOT-PRIORITY", string stage = "ARREST",
        string aNumber = "", string fin = "", string family = "Garcia", string given = "Jose", string birth = "1985-02-03", string country = "MX") =>
        [id, "ATL", date, "REL/PD", action, basis, "ICE-2011-06-17-PD", "2011-NP", stage, aNumber, fin, family, given, birth, "M", country, ""];
}
