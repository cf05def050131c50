using System.Security.Cryptography;
using System.Text.Json;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>A temporary folder removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pdw-tests-" + Guid.NewGuid().ToString("N")[..12]);
    public TempFolder() => Directory.CreateDirectory(Path);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class Gen
{
    public static Generator Run(string folder, double scale, long seed = 42, double dirtyRate = 0.01, string years = "2012-2014", double rearrest = 0.15)
    {
        var generator = new Generator(new GenerateOptions(GenerateOptions.ParseFiscalYears(years), scale, seed, dirtyRate, rearrest, folder));
        generator.Run();
        return generator;
    }

    /// <summary>SHA-256 over every file's relative path and bytes, in path order.</summary>
    public static string HashFolder(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static IEnumerable<string> Deliveries(string folder) =>
        Directory.EnumerateDirectories(folder).Where(d => File.Exists(System.IO.Path.Combine(d, "manifest.json"))).OrderBy(d => d, StringComparer.Ordinal);

    public static JsonDocument Truth(string folder) => JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(folder, "truth.json")));

    /// <summary>Every row of every delivery, through the readers.</summary>
    public static IEnumerable<(Delivery Delivery, FeedRow Row)> ReadAll(string folder)
    {
        foreach (var d in Deliveries(folder))
        {
            var delivery = DeliveryReader.Open(d);
            foreach (var file in delivery.Manifest.Files)
            {
                using var reader = new FeedFileReader(delivery, file);
                foreach (var row in reader.ReadRows()) yield return (delivery, row);
            }
        }
    }
}

/// <summary>One small dirty generation shared by the tests that only read it.</summary>
public sealed class SmallDeliveries : IDisposable
{
    readonly TempFolder temp = new();
    public string Folder => temp.Path;
    public Generator Generator { get; }
    public SmallDeliveries() => Generator = Gen.Run(temp.Path, scale: 0.02, seed: 7, dirtyRate: 0.03);
    public void Dispose() => temp.Dispose();
}

[CollectionDefinition(nameof(SmallDeliveriesCollection))]
public sealed class SmallDeliveriesCollection : ICollectionFixture<SmallDeliveries>;
