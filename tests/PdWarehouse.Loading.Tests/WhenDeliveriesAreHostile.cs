using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The failures of issue 24's hostile-input probe, each through the loader: a bad row is quarantined and the rest of
/// its delivery loads, a bad delivery is refused in one line and the others load, and no value is stored other than sent.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenDeliveriesAreHostile(LoadingFixture fixture)
{
    private const string Feed = "ice-removals-returns";
    private static readonly LoadOptions Tolerant = new() { RejectThreshold = 1.0 };

    private string NewFolder() => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private static string Header => string.Join(",", FeedCatalog.Get(Feed).Columns.Select(c => c.Name));

    /// <summary>A delivery whose data file holds exactly these bytes, with an honest manifest.</summary>
    private static string WriteRaw(string parent, string name, string text, IReadOnlyList<ControlTotal>? totals = null)
    {
        var folder = Write(parent, Feed, [], name: name, controlTotals: totals);
        var data = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(Path.Combine(folder, "data.csv"), data);
        var manifest = ManifestJson.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var lines = data.Count(b => b == (byte)'\n');
        manifest = manifest with { Files = [new ManifestFile("data.csv", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)), lines - 1)] };
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    private static string Line(params string[] row) => string.Join(",", row);

    private static string ThreatRow(string id, string threat)
    {
        var row = Removal(id, "2014-01-05", aNumber: "A" + (500 + id.Length * 7 + id[^1]));
        row[5] = threat;
        return Line(row);
    }

    [Fact]
    public void A_threat_level_outside_1_to_3_is_rejected_and_never_stored_wrapped()
    {
        var db = fixture.NewWarehouse();
        var text = Header + "\n" + ThreatRow("T1", "2") + "\n" + ThreatRow("T2", "-3") + "\n" + ThreatRow("T3", "257") + "\n"
            + ThreatRow("T4", "7") + "\n" + ThreatRow("T5", "+2") + "\n";
        var result = fixture.Load(db, WriteRaw(NewFolder(), $"{Feed}-FY2014", text), Tolerant);
        Assert.Equal((1L, 4L), (result.RowsStaged, result.RowsRejected));
        Assert.Equal(4, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE FieldName = 'ThreatLevel'"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE ThreatLevel NOT IN (1, 2, 3)"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE ThreatLevel NOT IN (1, 2, 3)"));
    }

    [Fact]
    public void A_narrowing_conversion_that_would_wrap_throws()
    {
        var tinyint = new ColumnDefinition("ThreatLevel", "tinyint", 0, false, 3, 0, true, false);
        Assert.Equal((byte)3, BatchLoader.ForColumn(3, tinyint));
        Assert.Throws<OverflowException>(() => BatchLoader.ForColumn(-3, tinyint));
        Assert.Throws<OverflowException>(() => BatchLoader.ForColumn(257, tinyint));
        Assert.Throws<OverflowException>(() => BatchLoader.ForColumn(40_000, new ColumnDefinition("Year", "smallint", 0, false, 5, 0, true, false)));
    }

    [Fact]
    public void A_carriage_return_inside_a_quoted_name_is_one_reject_and_the_rest_of_the_delivery_loads()
    {
        var db = fixture.NewWarehouse();
        var bad = Removal("C2", "2014-01-05", aNumber: "A602");
        bad[8] = "\"AB\rCD\"";
        var text = Header + "\n" + Line(bad) + "\n" + Line(Removal("C1", "2014-01-05", aNumber: "A601")) + "\n"
            + Line(Removal("C3", "2014-01-06", aNumber: "A603")) + "\n";
        var result = fixture.Load(db, WriteRaw(NewFolder(), $"{Feed}-FY2014", text), Tolerant);
        Assert.Equal((2L, 1L), (result.RowsStaged, result.RowsRejected));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE FileName = 'data.csv' AND LineNumber = 2 AND ReasonCode = 'MALFORMED-ROW'"));
        Assert.Equal(2, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE LineageKey = {result.LineageKey}"));
    }

    [Fact]
    public void Misplaced_quotes_are_a_malformed_row_in_etl_Reject()
    {
        var db = fixture.NewWarehouse();
        var bad = Removal("Q2", "2014-01-05", aNumber: "A702");
        bad[8] = "AB\"CD\"EF";
        var text = Header + "\n" + Line(Removal("Q1", "2014-01-05", aNumber: "A701")) + "\n" + Line(bad) + "\n";
        var result = fixture.Load(db, WriteRaw(NewFolder(), $"{Feed}-FY2014", text), Tolerant);
        Assert.Equal((1L, 1L), (result.RowsStaged, result.RowsRejected));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE LineNumber = 3 AND ReasonCode = 'MALFORMED-ROW'"));
    }

    [Fact]
    public void A_control_total_of_minus_2_to_the_63_is_refused_not_stored_as_a_wrapped_difference()
    {
        var db = fixture.NewWarehouse();
        var before = WarehouseSnapshot.Take(db);
        var folder = Write(NewFolder(), Feed, [Removal("K1", "2014-01-05", aNumber: "A801")],
            controlTotals: [new ControlTotal("records in period", long.MinValue)]);
        var ex = Assert.Throws<DeliveryRefusedException>(() => fixture.Load(db, folder));
        Assert.Equal(RefusalReason.ManifestInvalid, ex.Reason);
        Assert.Contains("controlTotals[0].value", ex.Message);
        WarehouseSnapshot.AssertEqual(before, WarehouseSnapshot.Take(db));
    }

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file}: {p.StandardError.ReadToEnd()}");
    }

    [Fact]
    public async Task Pdw_load_of_a_folder_mixing_good_and_hostile_deliveries_loads_the_good_ones_and_reports_each_bad_one_in_one_line()
    {
        var parent = NewFolder();
        var root = Directory.CreateDirectory(Path.Combine(parent, "deliveries")).FullName;
        var good = Write(root, Feed, [Removal("G1", "2014-01-05", aNumber: "A901"), Removal("G2", "2014-01-06", aNumber: "A902")], name: "good-plain");
        var badRow = Removal("H2", "2014-01-05", aNumber: "A912");
        badRow[8] = "\"AB\rCD\"";
        var quotes = Removal("H3", "2014-01-05", aNumber: "A913");
        quotes[8] = "AB\"CD\"EF";
        var withBadRows = WriteRaw(root, "good-with-bad-rows", Header + "\n" + Line(Removal("H1", "2014-01-05", aNumber: "A911")) + "\n"
            + Line(badRow) + "\n" + Line(quotes) + "\n" + ThreatRow("H4", "-3") + "\n" + ThreatRow("H5", "257") + "\n"
            + Line(Removal("H6", "2014-01-07", aNumber: "A916")) + "\n");

        var bad = new Dictionary<string, Action<string>>
        {
            ["bad-symlink-loop"] = d =>
            {
                File.Delete(Path.Combine(d, "data.csv"));
                File.CreateSymbolicLink(Path.Combine(d, "b.csv"), Path.Combine(d, "data.csv"));
                File.CreateSymbolicLink(Path.Combine(d, "data.csv"), Path.Combine(d, "b.csv"));
            },
            ["bad-manifest-dev-zero"] = d =>
            {
                File.Delete(Path.Combine(d, "manifest.json"));
                File.CreateSymbolicLink(Path.Combine(d, "manifest.json"), "/dev/zero");
            },
            ["bad-manifest-fifo"] = d =>
            {
                File.Delete(Path.Combine(d, "manifest.json"));
                Run("mkfifo", Path.Combine(d, "manifest.json"));
            },
            ["bad-manifest-hard-link"] = d =>
            {
                var outside = Path.Combine(parent, "outside-manifest.json");
                File.Move(Path.Combine(d, "manifest.json"), outside);
                Run("ln", outside, Path.Combine(d, "manifest.json"));
            },
            ["bad-manifest-passwd"] = d =>
            {
                File.Delete(Path.Combine(d, "manifest.json"));
                File.CreateSymbolicLink(Path.Combine(d, "manifest.json"), "/etc/passwd");
            },
            ["bad-terminal-escape"] = d =>
            {
                var path = Path.Combine(d, "manifest.json");
                var m = ManifestJson.Parse(File.ReadAllBytes(path));
                File.WriteAllBytes(path, ManifestJson.Write(m with { Feed = "\u001b[2J\u001b[31mowned\r" }));
            },
        };
        foreach (var (name, spoil) in bad) spoil(Write(root, Feed, [Removal("B1", "2014-01-05", aNumber: "A990")], name: name));
        Write(root, Feed, [Removal("B2", "2014-01-05", aNumber: "A991")], name: "bad-control-total", controlTotals: [new ControlTotal("records in period", long.MinValue)]);

        var db = fixture.NewWarehouse();
        var psi = Cli.StartInfo(new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = fixture.KeyText },
            "load", root, "--db", db, "--json", "--reject-threshold", "1");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("pdw load did not finish within 3 minutes");
        }
        var err = await stderr;
        // docs/operations.md: 3 = the command ran, and at least one delivery was refused or failed.
        Assert.True(p.ExitCode == 3, $"exit {p.ExitCode}: {err}");
        Assert.DoesNotContain(err, c => char.IsControl(c) && c != '\n');

        // With --json the progress goes to standard error too; each failure is one line of its own starting "pdw: ".
        var failures = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("pdw: ", StringComparison.Ordinal)).ToList();
        var badNames = bad.Keys.Append("bad-control-total").ToList();
        foreach (var name in badNames) Assert.Single(failures, l => l.Contains(name, StringComparison.Ordinal));
        Assert.Equal(badNames.Count, failures.Count);

        using var json = JsonDocument.Parse(await stdout);
        var batches = json.RootElement.EnumerateArray().ToDictionary(b => b.GetProperty("delivery").GetString()!);
        Assert.Equal(badNames.Count + 2, batches.Count);
        foreach (var name in badNames) Assert.Equal("REFUSED", batches[name].GetProperty("status").GetString());
        using var w = WarehouseConnection.OpenDuckDb(db);
        foreach (var name in new[] { Path.GetFileName(good), Path.GetFileName(withBadRows) })
        {
            var b = batches[name];
            Assert.Equal("SUCCEEDED", b.GetProperty("status").GetString());
            var (read, staged, rejected) = (b.GetProperty("rowsRead").GetInt64(), b.GetProperty("rowsStaged").GetInt64(), b.GetProperty("rowsRejected").GetInt64());
            Assert.Equal(read, staged + rejected);
            var batch = b.GetProperty("batch").GetInt32();
            Assert.Equal(staged, w.ExecuteScalar<long>("SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE LineageKey = @B", new { B = batch }));
            Assert.Equal(rejected, w.ExecuteScalar<long>("SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = @B", new { B = batch }));
        }
        Assert.Equal((6L, 2L, 4L), (batches["good-with-bad-rows"].GetProperty("rowsRead").GetInt64(),
            batches["good-with-bad-rows"].GetProperty("rowsStaged").GetInt64(), batches["good-with-bad-rows"].GetProperty("rowsRejected").GetInt64()));
    }
}
