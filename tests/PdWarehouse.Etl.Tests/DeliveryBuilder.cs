using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Tests;

/// <summary>Hand-made deliveries for the refusal and row-error scenarios.</summary>
public static class DeliveryBuilder
{
    public static readonly FeedDefinition Feed = FeedCatalog.Get("ice-removals-returns");
    public static string Header => string.Join(',', Feed.Columns.Select(c => c.Name));

    public static string Row(string recordId = "DEP-2013-00000001", string aor = "HOU", string date = "2013-03-01", string type = "ER", string criminal = "CRIMINAL",
        string threat = "2", string anumber = "A012345678", string family = "GARCIA LOPEZ", string given = "JUAN JOSE", string country = "MX") =>
        $"{recordId},{aor},{date},{type},{criminal},{threat},{anumber},1234567890,{family},{given},1990-01-02,M,{country}";

    /// <summary>Writes a delivery of one file holding <paramref name="content"/>; the manifest states its true hash and row count unless overridden.</summary>
    public static string Write(string parent, byte[] content, string name = "ice-removals-returns-FY2013", Func<Manifest, Manifest>? edit = null, string fileName = "data.csv")
    {
        var folder = Path.Combine(parent, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, fileName), content);
        var lines = content.Count(b => b == (byte)'\n') + (content.Length > 0 && content[^1] != (byte)'\n' ? 1 : 0);
        var manifest = new Manifest("1.0", Feed.Name, Feed.Component, "EID/EARM", new DateOnly(2012, 10, 1), new DateOnly(2013, 9, 30),
            new DateTimeOffset(2013, 10, 15, 6, 0, 0, TimeSpan.Zero),
            [new ManifestFile(fileName, Convert.ToHexStringLower(SHA256.HashData(content)), Math.Max(0, lines - 1))], [new ControlTotal("records in period", 1)]);
        if (edit is not null) manifest = edit(manifest);
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    public static string Write(string parent, string text, string name = "ice-removals-returns-FY2013", Func<Manifest, Manifest>? edit = null) =>
        Write(parent, Encoding.UTF8.GetBytes(text), name, edit);

    public static string Good(string parent) => Write(parent, Header + "\n" + Row() + "\n" + Row(recordId: "DEP-2013-00000002") + "\n");
}
