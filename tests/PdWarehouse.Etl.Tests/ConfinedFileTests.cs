using System.Diagnostics;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Tests;

/// <summary>
/// Every file a delivery names, the manifest included, is opened once as a regular file inside the delivery folder
/// (issue 24): links, pipes, devices and hard links to elsewhere are refused in one line, in bounded time, before a
/// byte of them is read, and no I/O failure escapes as anything but the delivery's refusal.
/// </summary>
public sealed class ConfinedFileTests : IDisposable
{
    readonly TempFolder temp = new();
    public void Dispose() => temp.Dispose();

    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Opens the delivery on another thread so that a hang fails the test instead of stopping the run.</summary>
    static DeliveryRefusedException Refused(string folder, RefusalReason reason, params string[] mentions)
    {
        var open = Task.Run(() => DeliveryReader.Open(folder));
        Assert.True(((IAsyncResult)open).AsyncWaitHandle.WaitOne(Bound), $"opening {Path.GetFileName(folder)} did not finish within {Bound.TotalSeconds} s");
        var ex = Assert.IsType<DeliveryRefusedException>(open.Exception?.InnerException);
        Assert.Equal(reason, ex.Reason);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains(Path.GetFileName(folder), ex.Message);
        foreach (var m in mentions) Assert.Contains(m, ex.Message);
        return ex;
    }

    static byte[] Content => Encoding.UTF8.GetBytes(DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n");

    static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }

    [Fact]
    public void Two_csv_symlinks_pointing_at_each_other_are_refused_not_an_IOException()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var a = Path.Combine(folder, "data.csv");
        File.Delete(a);
        File.CreateSymbolicLink(Path.Combine(folder, "b.csv"), a);
        File.CreateSymbolicLink(a, Path.Combine(folder, "b.csv"));
        Refused(folder, RefusalReason.UnsafeFileName, "data.csv", "symbolic link");
    }

    [Fact]
    public void A_csv_symlink_is_refused_even_when_it_points_inside_the_folder()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var data = Path.Combine(folder, "data.csv");
        File.Move(data, Path.Combine(folder, "real.csv"));
        File.CreateSymbolicLink(data, Path.Combine(folder, "real.csv"));
        Refused(folder, RefusalReason.UnsafeFileName, "data.csv", "symbolic link");
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void A_manifest_that_is_a_symlink_is_refused_before_it_is_read(string target)
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var manifest = Path.Combine(folder, ManifestJson.FileName);
        File.Delete(manifest);
        File.CreateSymbolicLink(manifest, target);
        Refused(folder, RefusalReason.UnsafeFileName, ManifestJson.FileName, "symbolic link");
    }

    [Fact]
    public void A_manifest_that_is_a_named_pipe_is_refused_in_bounded_time()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var manifest = Path.Combine(folder, ManifestJson.FileName);
        File.Delete(manifest);
        Run("mkfifo", manifest);
        Refused(folder, RefusalReason.UnsafeFileName, ManifestJson.FileName, "not a regular file");
    }

    [Fact]
    public void A_data_file_that_is_a_named_pipe_is_refused_in_bounded_time()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var data = Path.Combine(folder, "data.csv");
        File.Delete(data);
        Run("mkfifo", data);
        Refused(folder, RefusalReason.UnsafeFileName, "data.csv", "not a regular file");
    }

    [Fact]
    public void A_manifest_hard_linked_to_a_file_outside_the_folder_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var manifest = Path.Combine(folder, ManifestJson.FileName);
        var outside = Path.Combine(temp.Path, "elsewhere.json");
        File.Move(manifest, outside);
        Run("ln", outside, manifest);
        Refused(folder, RefusalReason.UnsafeFileName, ManifestJson.FileName, "hard link");
    }

    [Fact]
    public void A_data_file_hard_linked_to_a_file_outside_the_folder_is_refused()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content);
        var data = Path.Combine(folder, "data.csv");
        var outside = Path.Combine(temp.Path, "elsewhere.csv");
        File.Move(data, outside);
        Run("ln", outside, data);
        Refused(folder, RefusalReason.UnsafeFileName, "data.csv", "hard link");
    }

    [Fact]
    public void A_manifest_larger_than_the_limit_is_refused_without_reading_it_whole()
    {
        var folder = DeliveryBuilder.Good(temp.Path);
        var manifest = Path.Combine(folder, ManifestJson.FileName);
        var bytes = File.ReadAllBytes(manifest);
        File.WriteAllBytes(manifest, [.. bytes, .. Enumerable.Repeat((byte)' ', 2 * 1024 * 1024)]);
        Refused(folder, RefusalReason.ManifestInvalid, ManifestJson.FileName, "larger than");
    }

    [Fact]
    public void A_data_file_replaced_after_verification_is_not_what_gets_read()
    {
        // Opened once: the rows read are the bytes whose checksum was verified, even if the name is re-pointed later.
        var folder = DeliveryBuilder.Good(temp.Path);
        var delivery = DeliveryReader.Open(folder);
        var data = Path.Combine(folder, "data.csv");
        File.Delete(data);
        File.WriteAllText(data, DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row(recordId: "SWAPPED") + "\n");
        using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
        Assert.Equal(["DEP-2013-00000001", "DEP-2013-00000002"], reader.ReadRows().Select(r => (string)r.Values![0]!));
    }

    [Fact]
    public void A_control_total_that_is_negative_is_refused_so_no_difference_can_overflow()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Content, edit: m => m with { ControlTotals = [new ControlTotal("records in period", long.MinValue)] });
        Refused(folder, RefusalReason.ManifestInvalid, ManifestJson.FileName, "controlTotals[0].value");
    }
}

/// <summary>Refusals echo what they were sent only with control characters escaped and cut to a bounded length (issue 24).</summary>
public sealed class EchoedValueTests : IDisposable
{
    readonly TempFolder temp = new();
    public void Dispose() => temp.Dispose();

    static void AssertPrintable(string message)
    {
        Assert.DoesNotContain(message, c => char.IsControl(c));
        Assert.True(message.Length < 1000, $"message of {message.Length} characters");
    }

    [Fact]
    public void A_terminal_escape_in_the_feed_name_is_shown_escaped()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Feed = "\u001b[2J\u001b]0;owned\u0007" });
        var ex = Assert.Throws<DeliveryRefusedException>(() => DeliveryReader.Open(folder));
        Assert.Equal(RefusalReason.UnknownFeed, ex.Reason);
        AssertPrintable(ex.Message);
        Assert.Contains("\\x1B[2J", ex.Message);
    }

    [Fact]
    public void A_huge_component_value_is_cut()
    {
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Component = new string('Z', 50_000) + "\r\n" });
        var ex = Assert.Throws<DeliveryRefusedException>(() => DeliveryReader.Open(folder));
        AssertPrintable(ex.Message);
    }

    [Fact]
    public void A_UTF16_header_is_shown_without_its_NULs()
    {
        var folder = DeliveryBuilder.Write(temp.Path, Encoding.Unicode.GetBytes(DeliveryBuilder.Header + "\n" + DeliveryBuilder.Row() + "\n"));
        var ex = Assert.Throws<DeliveryRefusedException>(() => DeliveryReader.Open(folder));
        Assert.Equal(RefusalReason.HeaderMismatch, ex.Reason);
        AssertPrintable(ex.Message);
        Assert.Contains("\\0", ex.Message);
    }

    [Fact]
    public void A_file_name_with_control_characters_is_shown_escaped()
    {
        var name = "data\r\u001b[31m.csv";
        var folder = DeliveryBuilder.Write(temp.Path, DeliveryBuilder.Header + "\n", edit: m => m with { Files = [m.Files[0] with { Name = name }] });
        var ex = Assert.Throws<DeliveryRefusedException>(() => DeliveryReader.Open(folder));
        AssertPrintable(ex.Message);
        Assert.Contains("data\\r\\x1B[31m.csv", ex.Message);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\0b", "a\\0b")]
    [InlineData("\r\n\t", "\\r\\n\\t")]
    [InlineData("\u001b[2J", "\\x1B[2J")]
    [InlineData("\u0085\u2028\u202E", "\\u0085\\u2028\\u202E")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void The_one_helper_escapes_every_control_and_format_character(string value, string shown) =>
        Assert.Equal(shown, Echo.Value(value));

    [Fact]
    public void The_one_helper_escapes_a_lone_surrogate_and_keeps_a_pair() =>
        // Not InlineData: test discovery cannot carry an unpaired surrogate.
        Assert.Equal("x\\uD800y \uD83D\uDE00", Echo.Value("x\uD800y \uD83D\uDE00"));

    [Fact]
    public void The_one_helper_cuts_to_a_fixed_length()
    {
        var shown = Echo.Value(new string('\u001b', 10_000));
        Assert.True(shown.Length <= Echo.MaxLength * "\\x1B".Length + 1);
        Assert.StartsWith("\\x1B\\x1B", shown);
        Assert.EndsWith("…", shown);
    }
}
