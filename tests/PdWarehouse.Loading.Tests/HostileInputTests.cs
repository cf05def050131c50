using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The hostile input corpus (HostileInput/) through the whole load: each case ends in a clear refusal or in
/// quarantined rows, never a crash; rows read = rows staged + rows rejected; payloads are stored as data and
/// nothing in them is executed (every table is still there with the rows it should have).
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class HostileInputTests(LoadingFixture fixture)
{
    private const string Feed = "ice-removals-returns";
    /// <summary>Hostile rows are meant to be quarantined, so no reject threshold refuses the batch.</summary>
    private static readonly LoadOptions Tolerant = new() { RejectThreshold = 1.0 };

    private string NewFolder() => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private static IReadOnlyList<string> Corpus(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "HostileInput", file), Encoding.UTF8).Where(l => l.Length > 0).ToList();

    /// <summary>The text fields of the removals feed, by position in <see cref="DeliveryBuilder.Removal"/>.</summary>
    private static readonly int[] TextFields = [0, 1, 3, 4, 6, 7, 8, 9, 11, 12];

    /// <summary>One row per payload per text field, each with a unique record id unless the payload is the id.</summary>
    private static List<string[]> RowsWith(IEnumerable<string> payloads)
    {
        var rows = new List<string[]>();
        var n = 0;
        foreach (var payload in payloads)
            foreach (var field in TextFields)
            {
                var row = Removal($"H{++n}", "2014-01-05", aNumber: $"A{100000 + n}");
                row[field] = field == 0 ? payload + "#" + n : payload;
                rows.Add(row);
            }
        return rows;
    }

    /// <summary>A delivery from raw bytes: what no well-behaved writer produces, with an honest manifest.</summary>
    private string WriteRaw(byte[] data, long rows, string fileName = "data.csv", string manifestFileName = "data.csv")
    {
        var feed = FeedCatalog.Get(Feed);
        var folder = Path.Combine(NewFolder(), $"{Feed}-FY2014");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, fileName), data);
        var manifest = new Manifest(FeedCatalog.FormatVersion, Feed, feed.Component, feed.SourceSystem, new DateOnly(2013, 10, 1), new DateOnly(2014, 9, 30),
            new DateTimeOffset(2014, 10, 15, 0, 0, 0, TimeSpan.Zero), [new ManifestFile(manifestFileName, Convert.ToHexStringLower(SHA256.HashData(data)), rows)], []);
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    private static string Header => string.Join(",", FeedCatalog.Get(Feed).Columns.Select(c => c.Name));
    private static string Line(params string[] row) => string.Join(",", row);

    private BatchResult LoadAndCheckNothingLost(string db, string delivery, long expectedRows)
    {
        var result = fixture.Load(db, delivery, Tolerant);
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(expectedRows, result.RowsRead);
        Assert.Equal(result.RowsRead, result.RowsStaged + result.RowsRejected);
        Assert.Equal(result.RowsRejected, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = {result.LineageKey}"));
        Assert.Equal(result.RowsStaged, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE LineageKey = {result.LineageKey}"));
        AssertNothingExecuted(db);
        return result;
    }

    /// <summary>Every table of the model still exists, and reference data is intact.</summary>
    private void AssertNothingExecuted(string db)
    {
        foreach (var table in fixture.Model.Tables)
            Assert.True(WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM {table.FullName}") >= 0);
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Lineage WHERE LineageKey = 0"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey = 0"));
        Assert.False(File.Exists("/tmp/pdw-pwned.csv"));
    }

    [Fact]
    public void SQL_meta_characters_in_every_text_field_are_data_or_quarantined_and_never_executed()
    {
        var db = fixture.NewWarehouse();
        var payloads = Corpus("sql-metacharacters.txt").Append("comma, \"quote\"").ToList();
        var rows = RowsWith(payloads);
        var result = LoadAndCheckNothingLost(db, Write(NewFolder(), Feed, rows), rows.Count);
        Assert.True(result.RowsStaged > 0);
        // Record ids are free text: each payload arrives byte for byte as the fact's business key.
        foreach (var (payload, i) in payloads.Select((p, i) => (p, i)))
        {
            var id = payload + "#" + (i * TextFields.Length + 1);
            if (id.Length > 50) continue;
            using var w = WarehouseConnection.OpenDuckDb(db);
            Assert.Equal(1L, w.ExecuteScalar<long>("SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE SourceRecordId = @Id", new { Id = id }));
        }
    }

    [Fact]
    public void A_line_break_inside_a_quoted_field_refuses_the_delivery_because_every_record_is_one_line()
    {
        var db = fixture.NewWarehouse();
        var rows = new List<string[]> { Removal("R1", "2014-01-05", aNumber: "A1", family: "multi\nline'); DROP TABLE dw.DimDate; --") };
        var ex = Assert.Throws<DeliveryRefusedException>(() => fixture.Load(db, Write(NewFolder(), Feed, rows), Tolerant));
        Assert.Equal(RefusalReason.RowCountMismatch, ex.Reason);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Lineage WHERE LineageKey <> 0"));
        AssertNothingExecuted(db);
    }

    [Fact]
    public void Very_long_strings_in_every_text_field_are_quarantined_as_too_long_with_the_value_kept_for_correction_unless_it_identifies()
    {
        var db = fixture.NewWarehouse();
        var rows = RowsWith([new string('x', 5000) + "'; DROP TABLE dw.DimPerson; --"]);
        var result = LoadAndCheckNothingLost(db, Write(NewFolder(), Feed, rows), rows.Count);
        Assert.Equal(rows.Count, result.RowsRejected);
        // The offending value is kept whole where its field identifies no one; an A-number, FIN or name is withheld.
        var identifying = FeedCatalog.Get(Feed).Columns.Where((c, i) => TextFields.Contains(i) && PdWarehouse.Warehouse.PersonFields.IsIdentifying(c.Name)).Count();
        Assert.Equal(rows.Count - identifying, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE ReasonCode IN ('TOO-LONG', 'INVALID-CODE', 'INVALID-DATE') AND length(RawText) > 5000 AND NOT ValueWithheld"));
        Assert.Equal(identifying, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE ReasonCode = 'TOO-LONG' AND RawText = '[withheld]' AND ValueWithheld"));
        Assert.True(identifying >= 4);
    }

    [Fact]
    public void HTML_and_script_in_names_and_ids_load_as_inert_data()
    {
        var db = fixture.NewWarehouse();
        var markup = Corpus("markup.txt");
        var rows = markup.Select((m, i) => Removal($"M{i}", "2014-01-05", aNumber: $"A{200000 + i}", family: m, given: m)).ToList();
        rows.AddRange(markup.Where(m => m.Length <= 45).Select((m, i) => Removal($"{m}|{i}", "2014-01-06", aNumber: $"A{300000 + i}")));
        var result = LoadAndCheckNothingLost(db, Write(NewFolder(), Feed, rows), rows.Count);
        Assert.Equal(0, result.RowsRejected);
        using var w = WarehouseConnection.OpenDuckDb(db);
        Assert.Equal(1L, w.ExecuteScalar<long>("SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE SourceRecordId = @Id", new { Id = "<script>alert(1)</script>|0" }));
        // Names are only ever hashed: no markup (nor any name) reaches the star schema (the pseudonym is a 128-bit number since issue 20).
        Assert.Equal(0L, w.ExecuteScalar<long>("SELECT COUNT(*) FROM dw.DimPerson WHERE CAST(PersonHash AS VARCHAR) LIKE '%<%'"));
    }

    [Theory]
    [InlineData("../data.csv")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../data.csv")]
    [InlineData("C:\\Windows\\win.ini")]
    public void A_manifest_naming_a_path_outside_the_delivery_is_refused_before_anything_is_written(string name)
    {
        var db = fixture.NewWarehouse();
        var data = Encoding.UTF8.GetBytes(Header + "\n" + Line(Removal("R1", "2014-01-05", aNumber: "A1")) + "\n");
        var delivery = WriteRaw(data, 1, manifestFileName: name);
        var ex = Assert.Throws<DeliveryRefusedException>(() => fixture.Load(db, delivery, Tolerant));
        Assert.Equal(RefusalReason.UnsafeFileName, ex.Reason);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Lineage WHERE LineageKey <> 0"));
    }

    [Fact]
    public void Invalid_UTF8_quarantines_its_row_and_the_rows_around_it_load()
    {
        var db = fixture.NewWarehouse();
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Header + "\n" + Line(Removal("R1", "2014-01-05", aNumber: "A1")) + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("R2,ATL,2014-01-05,ER,CRIMINAL,1,A2,,Garc"));
        bytes.AddRange(new byte[] { 0xC3, 0x28, 0xFF, 0xFE });
        bytes.AddRange(Encoding.UTF8.GetBytes(",Jose,1985-02-03,M,MX\n" + Line(Removal("R3", "2014-01-05", aNumber: "A3")) + "\n"));
        var result = LoadAndCheckNothingLost(db, WriteRaw(bytes.ToArray(), 3), 3);
        Assert.Equal((2L, 1L), (result.RowsStaged, result.RowsRejected));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE ReasonCode = 'INVALID-ENCODING' AND LineNumber = 3"));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var db = fixture.NewWarehouse();
        var data = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\n" + Line(Removal("R1", "2014-01-05", aNumber: "A1")) + "\n")).ToArray();
        var result = LoadAndCheckNothingLost(db, WriteRaw(data, 1), 1);
        Assert.Equal(1, result.RowsStaged);
    }

    [Fact]
    public void CRLF_line_ends_load_and_leave_no_carriage_return_in_the_data()
    {
        var db = fixture.NewWarehouse();
        var data = Encoding.UTF8.GetBytes(Header + "\r\n" + Line(Removal("R1", "2014-01-05", aNumber: "A1")) + "\r\n" + Line(Removal("R2", "2014-01-06", aNumber: "A2")) + "\r\n");
        var result = LoadAndCheckNothingLost(db, WriteRaw(data, 2), 2);
        Assert.Equal(2, result.RowsStaged);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE SourceRecordId LIKE '%' || chr(13) || '%' OR CriminalStatus LIKE '%' || chr(13) || '%'"));
    }

    [Fact]
    public void A_NUL_byte_in_a_field_is_quarantined_or_kept_as_data_and_never_truncates_the_file()
    {
        var db = fixture.NewWarehouse();
        var data = Encoding.UTF8.GetBytes(Header + "\n" + Line(Removal("R1\0x", "2014-01-05", aNumber: "A1")) + "\n"
            + Line(Removal("R2", "2014-01-05", aNumber: "A2", family: "Gar\0cia")) + "\n" + Line(Removal("R3", "2014-01-05", aNumber: "A3")) + "\n");
        var result = LoadAndCheckNothingLost(db, WriteRaw(data, 3), 3);
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE SourceRecordId = 'R3'"));
        Assert.True(result.RowsStaged >= 1);
    }

    [Fact]
    public void A_csv_bomb_of_one_multi_megabyte_field_is_one_quarantined_row_with_its_text_truncated()
    {
        var db = fixture.NewWarehouse();
        var bomb = "\"" + new string('A', 8 * 1024 * 1024) + "\"";
        var data = Encoding.UTF8.GetBytes(Header + "\n" + Line(Removal("R1", "2014-01-05", aNumber: "A1")) + "\n"
            + Line(Removal("R2", "2014-01-05", aNumber: "A2", family: bomb)) + "\n" + Line(Removal("R3", "2014-01-05", aNumber: "A3")) + "\n");
        var result = LoadAndCheckNothingLost(db, WriteRaw(data, 3), 3);
        Assert.Equal((2L, 1L), (result.RowsStaged, result.RowsRejected));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE length(RawText) > 32000"));
    }
}
