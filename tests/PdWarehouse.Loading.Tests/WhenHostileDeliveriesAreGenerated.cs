using System.Globalization;
using System.Text;
using CsCheck;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A hostile corpus drawn at random (CsCheck) over the removals feed's columns as the feed catalog declares them: each
/// value is valid for its column most of the time, otherwise one of the things senders get wrong or try (control
/// characters, misplaced quotes, line breaks inside quotes, signs and out-of-range codes, impossible dates, overlong
/// text, formulas, bidi overrides, invalid UTF-8), and some rows have a field too many or too few. Whatever is drawn,
/// the load ends in bounded time; every line read is a fact or a reject, exactly; a reject names its line and a
/// documented reason; and every accepted row is stored as it was sent, never as another value (issue 24, item 7).
/// CsCheck prints the seed of a failing case, so it can be replayed.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenHostileDeliveriesAreGenerated(LoadingFixture fixture)
{
    private static readonly FeedDefinition Feed = FeedCatalog.Get("ice-removals-returns");

    private static readonly string[] Hostile =
    [
        "", " ", "\"", "AB\"CD\"EF", "a\rb", "a\nb", "\u001b[2J", "x\0y", "=cmd|' /C calc'!A0", "@SUM(A1)", "-3", "+2", "257", "7", "0",
        "\u0662", "2014-02-30", "2014-13-01", "1899-12-31", "20140105", "2014-1-5", new string('x', 300), "\uFEFF1", "\u202Eevil", "\uD800",
        "\U0001F600", "#", "#R", "\0lead", "NULL", "'; DROP TABLE dw.DimPerson; --", "<script>alert(1)</script>", "1e3", "0x1F", " 1", "1 ",
    ];

    /// <summary>A valid value of a catalog column (codes from its list, integers in range, dates in the FY2014 period).</summary>
    private static Gen<string> Valid(FeedDefinition feed, FeedColumn column, int row) => column switch
    {
        _ when column.Name == feed.RecordIdColumn => Gen.Const($"R{row}"),
        { Name: "AreaOfResponsibility" } => Gen.OneOf("ATL", "BAL", "HOU", "LOS", "MIA", "NYC", "SND", "QQQ"),
        { Name: "CitizenshipCountryCode" } => Gen.OneOf("MX", "GT", "HN", "SV", "SU", "GU", "QZ", ""),
        { Name: "ANumber" } => Gen.Int[1, 99_999_999].Select(n => "A" + n.ToString("D9", CultureInfo.InvariantCulture)),
        { Name: "Fin" } => Gen.Int[1, 99_999_999].Select(n => n.ToString("D10", CultureInfo.InvariantCulture)),
        { AllowedValues: { Count: > 0 } codes } => Gen.OneOf<string>(column.Required ? [.. codes] : [.. codes, ""]),
        { Type: FeedType.Integer } => Gen.Long[column.Minimum, column.Maximum].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        { Type: FeedType.Date, Name: "BirthDate" } => Gen.Int[0, 20_000].Select(d => new DateOnly(1950, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        { Type: FeedType.Date } => Gen.Int[0, 364].Select(d => new DateOnly(2013, 10, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Gen.OneOf("Garcia", "Nguyen", "O'Brien", "José", "Van der Berg", "Lopez-Smith", ""),
    };

    /// <summary>One row's fields: mostly valid, one in eight hostile; the record id keeps its row number so a stored row is findable.</summary>
    private static Gen<string[]> Row(FeedDefinition feed, int row)
    {
        var id = feed.IndexOf(feed.RecordIdColumn);
        return feed.Columns.Select(c => Gen.Frequency((7, Valid(feed, c, row)), (1, Gen.OneOf(Hostile)))).ToArray().Aggregate(
                Gen.Const(Array.Empty<string>()), (acc, g) => Gen.Select(acc, g, (a, v) => (string[])[.. a, v]))
            .Select(fields => { fields[id] = fields[id] == $"R{row}" ? fields[id] : fields[id] + $"#{row}"; return fields; });
    }

    /// <summary>A delivery of a feed: its rows, and for some rows a field dropped or added, or raw invalid UTF-8 bytes.</summary>
    private static Gen<(string[][] Rows, int[] Damage)> Deliveries(FeedDefinition feed) =>
        Gen.Int[5, 40].SelectMany(n => Gen.Select(
            Enumerable.Range(1, n).Select(r => Row(feed, r)).Aggregate(Gen.Const(Array.Empty<string[]>()), (acc, g) => Gen.Select(acc, g, (a, r) => (string[][])[.. a, r])),
            Gen.Frequency((12, Gen.Const(0)), (1, Gen.Const(1)), (1, Gen.Const(2)), (1, Gen.Const(3))).Array[n]));

    /// <summary>Every feed that loads facts, drawn with its own delivery.</summary>
    private static readonly Gen<(FeedDefinition Feed, string[][] Rows, int[] Damage)> AnyFactFeed =
        Gen.OneOf(FeedCatalog.All.Where(f => FeedLoadPlans.For(f.Name) is not null).ToArray())
            .SelectMany(feed => Deliveries(feed).Select(d => (feed, d.Rows, d.Damage)));

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    private static string WriteDelivery(string parent, string[][] rows, int[] damage) => WriteDelivery(parent, Feed, rows, damage);

    private static string WriteDelivery(string parent, FeedDefinition feed, string[][] rows, int[] damage)
    {
        var folder = Path.Combine(parent, $"hostile-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var bytes = new MemoryStream();
        void Text(string s) { var b = Encoding.UTF8.GetBytes(s); bytes.Write(b); }
        Text(string.Join(",", feed.Columns.Select(c => c.Name)) + "\n");
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = damage[i] switch
            {
                1 => rows[i][..^1],                 // a field too few
                2 => [.. rows[i], "extra"],         // a field too many
                _ => rows[i],
            };
            Text(string.Join(",", fields.Select(Quote)));
            if (damage[i] == 3) bytes.Write([0xFF, 0xFE, 0xC3]);   // bytes no UTF-8 decoder accepts
            Text("\n");
        }
        var file = Path.Combine(folder, "data.csv");
        File.WriteAllBytes(file, bytes.ToArray());
        // The manifest counts the physical lines, as the reader does: a line break inside quotes splits a record.
        var lines = bytes.ToArray().Count(b => b == (byte)'\n') - 1;
        var manifest = new Manifest(FeedCatalog.FormatVersion, feed.Name, feed.Component, feed.SourceSystem, new DateOnly(2013, 10, 1), new DateOnly(2014, 9, 30),
            new DateTimeOffset(2014, 10, 15, 0, 0, 0, TimeSpan.Zero),
            [new ManifestFile("data.csv", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), lines)], []);
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    /// <summary>Every stored removal by its record id: the values a line's fields map to.</summary>
    private static Dictionary<string, string[]> StoredRows(string db)
    {
        using var connection = PdWarehouse.Etl.Engines.DuckDbConnectionFactory.OpenExisting(db);
        using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT f.SourceRecordId, CAST(f.EventDateKey AS VARCHAR), t.DispositionCode, f.CriminalStatus, COALESCE(CAST(f.ThreatLevel AS VARCHAR), ''), " +
            "CASE WHEN f.OfficeKey = 0 THEN '?' ELSE o.OfficeCode END, CASE WHEN f.NationalityCountryKey = 0 THEN '?' ELSE c.CountryCode END " +
            "FROM dw.FactEnforcementAction f JOIN dw.DimEnforcementActionType t USING (EnforcementActionTypeKey) " +
            "JOIN dw.DimOffice o USING (OfficeKey) JOIN dw.DimCountry c ON c.CountryKey = f.NationalityCountryKey";
        using var reader = cmd.ExecuteReader();
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.Read())
            rows.Add(reader.GetString(0), Enumerable.Range(1, 6).Select(reader.GetString).ToArray());
        return rows;
    }

    /// <summary>Lines Sylvan once took for comments (a leading '#', then NUL): skipped, they put the reader out of step.</summary>
    [Theory]
    [InlineData("#R1")]
    [InlineData("\0R1")]
    [InlineData("#")]
    public void A_line_that_starts_like_a_comment_is_a_row_like_any_other(string recordId)
    {
        var db = fixture.NewWarehouse();
        var rows = new[] { recordId, "R2", "R3" }.Select(id => new[] { id, "ATL", "2014-01-05", "ER", "CRIMINAL", "1", "A000000001", "", "Garcia", "Jose", "1985-02-03", "M", "MX" }).ToArray();
        var folder = WriteDelivery(Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName, rows, [0, 0, 0]);
        var result = fixture.Load(db, folder, new LoadOptions { RejectThreshold = 1.0 });
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.RowsInserted + result.RowsRejected);
        Assert.Contains("R2", StoredRows(db).Keys);
    }

    [Fact]
    public void Every_line_of_any_drawn_delivery_is_a_fact_stored_as_sent_or_a_reject_with_its_reason()
    {
        var parent = Directory.CreateDirectory(Path.Combine(fixture.Root, "hostile-" + Guid.NewGuid().ToString("N"))).FullName;
        var checkedRows = 0;
        Deliveries(Feed).Sample(delivery =>
        {
            var (drawn, damage) = delivery;
            // What the file holds is what was sent: UTF-8 writes a lone surrogate as U+FFFD.
            var rows = drawn.Select(r => r.Select(v => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(v))).ToArray()).ToArray();
            var db = fixture.NewWarehouse();
            var folder = WriteDelivery(parent, rows, damage);
            var lines = File.ReadAllBytes(Path.Combine(folder, "data.csv")).Count(b => b == (byte)'\n') - 1;

            // Bounded time: a hang is a failure, not a stuck test run.
            var load = Task.Run(() => fixture.Load(db, folder, new LoadOptions { RejectThreshold = 1.0 }));
            Assert.True(load.Wait(TimeSpan.FromSeconds(90)), "the load did not finish in 90 s");
            var result = load.Result;

            Assert.Equal("SUCCEEDED", result.Status);
            Assert.Equal(lines, result.RowsRead);
            var facts = WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction");
            var rejectedLines = WarehouseSnapshot.Count(db, $"SELECT COUNT(DISTINCT LineNumber) FROM etl.Reject WHERE LineageKey = {result.LineageKey}");
            Assert.Equal(result.RowsInserted, facts);
            Assert.Equal(lines, facts + rejectedLines);
            Assert.Equal(0, WarehouseSnapshot.Count(db,
                $"SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = {result.LineageKey} AND (FileName <> 'data.csv' OR LineNumber < 2 OR LineNumber > {lines + 1} " +
                $"OR ReasonCode NOT IN ({string.Join(", ", ReasonCodes.All.Select(r => $"'{r}'"))}))"));

            // Every stored row holds what its line sent: date, departure type, criminal status, threat level, office, country.
            var stored = StoredRows(db);
            Assert.Equal(facts, stored.Count);
            for (var i = 0; i < rows.Length; i++)
            {
                var sent = rows[i];
                if (!stored.Remove(sent[0], out var parts)) continue;   // rejected (counted above)
                Assert.Equal(0, damage[i]);
                Assert.Equal(DateOnly.ParseExact(sent[2], "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("yyyyMMdd", CultureInfo.InvariantCulture), parts[0]);
                Assert.Equal(sent[3], parts[1]);
                Assert.Equal(sent[4], parts[2]);
                Assert.Equal(sent[5], parts[3]);
                if (parts[4] != "?") Assert.Equal("ERO-" + sent[1], parts[4]);
                if (parts[5] != "?") Assert.Equal(sent[^1], parts[5]);
                checkedRows++;
            }
            // No fact whose record id no line sent.
            Assert.Empty(stored.Keys);
        }, iter: 25, threads: 1, seed: null);
        Assert.True(checkedRows > 100, $"only {checkedRows} stored rows were compared: the corpus rejects too much to prove storage");
    }

    [Fact]
    public void Every_line_of_a_drawn_delivery_of_any_fact_feed_is_a_fact_or_a_reject_with_its_reason()
    {
        var parent = Directory.CreateDirectory(Path.Combine(fixture.Root, "hostile-any-" + Guid.NewGuid().ToString("N"))).FullName;
        var feeds = new HashSet<string>();
        AnyFactFeed.Sample(delivery =>
        {
            var (feed, rows, damage) = delivery;
            feeds.Add(feed.Name);
            var db = fixture.NewWarehouse();
            var folder = WriteDelivery(parent, feed, rows, damage);
            var lines = File.ReadAllBytes(Path.Combine(folder, "data.csv")).Count(b => b == (byte)'\n') - 1;
            var load = Task.Run(() => fixture.Load(db, folder, new LoadOptions { RejectThreshold = 1.0 }));
            Assert.True(load.Wait(TimeSpan.FromSeconds(90)), $"{feed.Name}: the load did not finish in 90 s");
            var result = load.Result;
            Assert.Equal("SUCCEEDED", result.Status);
            Assert.Equal(lines, result.RowsRead);
            var table = FeedLoadPlans.For(feed.Name)!.FactTable;
            var facts = WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM {table}");
            var rejectedLines = WarehouseSnapshot.Count(db, $"SELECT COUNT(DISTINCT LineNumber) FROM etl.Reject WHERE LineageKey = {result.LineageKey}");
            Assert.Equal(result.RowsInserted, facts);
            Assert.Equal(lines, facts + rejectedLines);
            Assert.Equal(0, WarehouseSnapshot.Count(db,
                $"SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = {result.LineageKey} AND (FileName <> 'data.csv' OR LineNumber < 2 OR LineNumber > {lines + 1} " +
                $"OR ReasonCode NOT IN ({string.Join(", ", ReasonCodes.All.Select(r => $"'{r}'"))}))"));
        }, iter: 30, threads: 1);
        Assert.True(feeds.Count >= 4, $"only {feeds.Count} feeds were drawn");
    }
}
