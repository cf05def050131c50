using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Tests;

/// <summary>Deliveries refused as a whole: each with a reason and one line naming the delivery and the file.</summary>
public sealed class TamperedDeliveryTests : IDisposable
{
    readonly TempFolder temp = new();
    public void Dispose() => temp.Dispose();

    static DeliveryRefusedException Refused(string folder, RefusalReason reason, params string[] mentions)
    {
        var ex = Assert.Throws<DeliveryRefusedException>(() => DeliveryReader.Open(folder));
        Assert.Equal(reason, ex.Reason);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains(Path.GetFileName(folder), ex.Message);
        foreach (var m in mentions) Assert.Contains(m, ex.Message);
        return ex;
    }

    [Fact]
    public void A_good_delivery_opens()
    {
        var delivery = DeliveryReader.Open(DeliveryBuilder.Good(temp.Path));
        Assert.Equal("ice-removals-returns", delivery.Feed.Name);
        Assert.Equal("ice-removals-returns-FY2013", delivery.DisplayName);
        Assert.Equal(2, delivery.Manifest.Files[0].Rows);
        Assert.Equal(64, delivery.ManifestSha256.Length);
    }

    [Fact]
    public void A_file_changed_after_the_manifest_was_written_is_refused_by_checksum()
    {
        var folder = DeliveryBuilder.Good(temp.Path);
        var path = Path.Combine(folder, "data.csv");
        var bytes = File.ReadAllBytes(path);
        bytes[^5] = (byte)'X';
        File.WriteAllBytes(path, bytes);
        Refused(folder, RefusalReason.ChecksumMismatch, "data.csv", "SHA-256");
    }

    [Theory]
    [InlineData("../x.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/data.csv")]
    [InlineData("..")]
    public void A_manifest_naming_a_file_outside_its_folder_is_refused(string name)
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n",
            edit: m => m with { Files = [m.Files[0] with { Name = name }] });
        Refused(folder, RefusalReason.UnsafeFileName, name);
    }

    [Fact]
    public void A_symbolic_link_escaping_the_folder_is_refused()
    {
        var outside = Path.Combine(temp.Path, "outside.csv");
        var content = Encoding.UTF8.GetBytes(DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n");
        File.WriteAllBytes(outside, content);
        var folder = DeliveryBuilder.Write(temp.Path, content);
        var link = Path.Combine(folder, "data.csv");
        File.Delete(link);
        File.CreateSymbolicLink(link, outside);
        Refused(folder, RefusalReason.UnsafeFileName, "data.csv", "outside");
    }

    [Fact]
    public void A_row_count_that_disagrees_with_the_manifest_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n",
            edit: m => m with { Files = [m.Files[0] with { Rows = 5 }] });
        Refused(folder, RefusalReason.RowCountMismatch, "data.csv", "1 data rows", "manifest says 5");
    }

    [Fact]
    public void An_unknown_format_version_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n", edit: m => m with { FormatVersion = "2.0" });
        Refused(folder, RefusalReason.UnsupportedFormatVersion, "manifest.json", "2.0");
    }

    [Fact]
    public void An_unknown_feed_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Feed = "ice-secret-list" });
        Refused(folder, RefusalReason.UnknownFeed, "ice-secret-list");
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var folder = DeliveryBuilder.Good(temp.Path);
        File.Delete(Path.Combine(folder, "data.csv"));
        Refused(folder, RefusalReason.FileMissing, "data.csv", "missing");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, []);
        Refused(folder, RefusalReason.FileEmpty, "data.csv", "empty");
    }

    [Fact]
    public void A_header_only_file_is_refused_when_the_manifest_promises_rows()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Files = [m.Files[0] with { Rows = 3 }] });
        Refused(folder, RefusalReason.HeaderOnly, "data.csv", "only a header");
    }

    [Fact]
    public void A_header_only_file_with_zero_rows_is_accepted()
    {
        var delivery = DeliveryReader.Open(DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n"));
        using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
        Assert.Empty(reader.ReadRows());
    }

    [Fact]
    public void A_header_that_does_not_match_the_feed_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header.Replace("DepartureType", "RemovalType") + "\n" + DeliveryBuilder.Row() + "\n");
        Refused(folder, RefusalReason.HeaderMismatch, "data.csv", "RemovalType");
    }

    [Fact]
    public void A_missing_or_broken_manifest_is_refused()
    {
        var folder = DeliveryBuilder.Good(temp.Path);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{ \"formatVersion\": \"1.0\", ");
        Refused(folder, RefusalReason.ManifestInvalid, "manifest.json", "JSON");
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{ \"formatVersion\": \"1.0\", \"feed\": \"ice-removals-returns\" }");
        Refused(folder, RefusalReason.ManifestInvalid, "manifest.json", "missing property");
        File.Delete(Path.Combine(folder, "manifest.json"));
        Refused(folder, RefusalReason.ManifestMissing, "manifest.json");
    }

    [Fact]
    public void A_component_that_does_not_send_the_feed_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Component = "USCIS" });
        Refused(folder, RefusalReason.ComponentMismatch, "USCIS");
    }
}
