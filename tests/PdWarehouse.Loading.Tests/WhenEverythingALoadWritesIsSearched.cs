using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// docs/operations.md, "Identifiers at rest": after a load — clean, failed over the reject threshold, or killed while
/// staging and run again — no A-number, FIN or name of its input is anywhere the load wrote: the warehouse file and its
/// WAL, the temp folder, the console output and the reports rendered from it. Every row carries its own identifiers, good
/// rows and every kind of bad one, and each is searched for as written and as the identity rules normalise it.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenEverythingALoadWritesIsSearched(LoadingFixture fixture)
{
    private const string Feed = "ice-removals-returns";
    private const int Width = 10;   // every identifier and control below is 10 characters, so one window size finds them all

    private static string Letters(int i)
    {
        var s = new char[7];
        for (var k = 6; k >= 0; k--, i /= 26) s[k] = (char)('a' + i % 26);
        return new string(s);
    }

    private static string ANumber(int i) => "A0" + (13_570_000 + i).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
    private static string Fin(int i) => (5_550_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string Family(int i) => "Fam" + Letters(i);
    private static string Given(int i) => "Giv" + Letters(i);
    private static string RecordId(int i) => "Rid" + Letters(i);

    /// <summary>Row i of a delivery; every 50th row (or every other, for a delivery meant to fail) is bad in one of twelve ways.</summary>
    private static byte[] Line(int i, int badEvery)
    {
        var (a, f, fam, giv) = (ANumber(i), Fin(i), Family(i), Given(i));
        string Good(string id) => $"{id},ATL,2014-{1 + i % 9:00}-{1 + i % 28:00},ER,CRIMINAL,1,{a},{f},{fam},{giv},1985-02-03,M,MX";
        var text = (i % badEvery != 0 ? -1 : i / badEvery % 12) switch
        {
            0 => $"{RecordId(i)},ATL,2014-02-30,ER,CRIMINAL,1,{a},{f},{fam},{giv},1985-02-03,M,MX",         // INVALID-DATE
            1 => $"{RecordId(i)},ATL,2014-01-05,XX,CRIMINAL,1,{a},{f},{fam},{giv},1985-02-03,M,MX",         // INVALID-CODE
            2 => $"{RecordId(i)},ATL,2014-01-05,ER,CRIMINAL,1,{a}99999999999,{f},{fam},{giv},1985-02-03,M,MX",   // ANumber TOO-LONG
            3 => $"{RecordId(i)},ATL,2014-01-05,ER,CRIMINAL,1,{a},{f},{string.Concat(Enumerable.Repeat(fam, 11))},{giv},1985-02-03,M,MX",
            4 => $"{RecordId(i)},ATL,2014-01-05,ER,CRIMINAL,1,{a},{f},{fam},{giv},1985-13-45,M,MX",         // BirthDate INVALID-DATE
            5 => Good(RecordId(i)) + ",extra",                                                                // field count
            6 => Good(RecordId(i)).Replace(fam, fam + "\"x", StringComparison.Ordinal),                       // unbalanced quote
            7 => Good(RecordId(i)).Replace(fam, $"{fam[..3]}\"{fam[3..6]}\"{fam[6..]}", StringComparison.Ordinal),   // misplaced quotes
            8 => Good(RecordId(i)).Replace(giv, giv + "\uFFFF", StringComparison.Ordinal),                    // made invalid UTF-8 below
            9 => Good(RecordId(i - 1)),                                                                       // record id of the row before
            10 => Good(RecordId(i)) + "\n" + Good(RecordId(i)),                                              // exact duplicate line
            11 => Good(RecordId(i)).Replace(giv, $"\"{giv}\rX\"", StringComparison.Ordinal),                 // carriage return
            _ => Good(RecordId(i)),
        };
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        var invalid = Encoding.UTF8.GetBytes("\uFFFF");
        var at = bytes.AsSpan().IndexOf(invalid);
        if (at >= 0) { bytes[at] = 0xC3; bytes[at + 1] = 0x28; bytes[at + 2] = 0xFF; }
        return bytes;
    }

    /// <summary>A delivery of rows 0..rows-1 (from <paramref name="first"/>), as raw bytes with an honest manifest.</summary>
    private static string Delivery(string parent, string name, int first, int rows, int badEvery)
    {
        var feed = FeedCatalog.Get(Feed);
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        using var data = new MemoryStream();
        data.Write(Encoding.UTF8.GetBytes(string.Join(",", feed.Columns.Select(c => c.Name)) + "\n"));
        long lines = 0;
        for (var i = first; i < first + rows; i++)
        {
            var line = Line(i, badEvery);
            data.Write(line);
            lines += line.Count(b => b == (byte)'\n');
        }
        File.WriteAllBytes(Path.Combine(folder, "data.csv"), data.ToArray());
        var manifest = new Manifest(FeedCatalog.FormatVersion, Feed, feed.Component, feed.SourceSystem, new DateOnly(2013, 10, 1), new DateOnly(2014, 9, 30),
            new DateTimeOffset(2014, 10, 15, 0, 0, 0, TimeSpan.Zero), [new ManifestFile("data.csv", Convert.ToHexStringLower(SHA256.HashData(data.ToArray())), lines)], []);
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), ManifestJson.Write(manifest));
        return folder;
    }

    /// <summary>Every identifier and name of rows first..first+rows-1, as written and as normalised (upper-case names).</summary>
    private static IEnumerable<string> Identifiers(int first, int rows) =>
        Enumerable.Range(first, rows).SelectMany(i => new[] { ANumber(i), Fin(i), Family(i), Given(i), Family(i).ToUpperInvariant(), Given(i).ToUpperInvariant() });

    /// <summary>Finds which of the 10-character strings occur in some bytes: every window of runs of letters, digits and '-'.</summary>
    private sealed class Scanner
    {
        private readonly Dictionary<ulong, string> _wanted = [];

        public Scanner(IEnumerable<string> wanted)
        {
            foreach (var w in wanted)
            {
                Assert.Equal(Width, w.Length);
                _wanted[XxHash3.HashToUInt64(Encoding.ASCII.GetBytes(w))] = w;
            }
        }

        public HashSet<string> Find(ReadOnlySpan<byte> bytes)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var run = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                run = b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or (byte)'-' ? run + 1 : 0;
                if (run < Width) continue;
                var window = bytes.Slice(i - Width + 1, Width);
                if (_wanted.TryGetValue(XxHash3.HashToUInt64(window), out var w) && window.SequenceEqual(Encoding.ASCII.GetBytes(w))) found.Add(w);
            }
            return found;
        }

        /// <summary>Every file under the folders (the entries of .xlsx files unzipped: they are compressed), and the texts.</summary>
        public List<string> FindIn(IEnumerable<string> folders, params string[] texts)
        {
            var hits = new List<string>();
            foreach (var folder in folders.Where(Directory.Exists))
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    byte[] bytes;
                    // The runtime's debugger FIFOs in the temp folder would block a read; they are empty, like every file with nothing to find.
                    if (new FileInfo(file).Length == 0) continue;
                    try { bytes = File.ReadAllBytes(file); }
                    catch (IOException) { continue; }   // the runtime's own pipes and sockets in the temp folder
                    catch (UnauthorizedAccessException) { continue; }
                    hits.AddRange(Find(bytes).Select(s => $"{s} in {file}"));
                    if (file.EndsWith(".xlsx", StringComparison.Ordinal))
                    {
                        using var zip = new ZipArchive(new MemoryStream(bytes));
                        foreach (var entry in zip.Entries)
                        {
                            using var s = entry.Open();
                            using var m = new MemoryStream();
                            s.CopyTo(m);
                            hits.AddRange(Find(m.ToArray()).Select(x => $"{x} in {file}!{entry.FullName}"));
                        }
                    }
                }
            foreach (var (text, i) in texts.Select((t, i) => (t, i)))
                hits.AddRange(Find(Encoding.UTF8.GetBytes(text)).Select(s => $"{s} in console output {i}"));
            return hits;
        }
    }

    private sealed record Run(string Root, string Deliveries, string Temp, string Db, string Reports, Dictionary<string, string?> Env)
    {
        public string[] WrittenFolders => [Path.GetDirectoryName(Db)!, Temp, Reports];
    }

    private Run NewRun()
    {
        var root = Directory.CreateDirectory(Path.Combine(fixture.Root, "scan-" + Guid.NewGuid().ToString("N"))).FullName;
        var db = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "warehouse")).FullName, "pdw.duckdb");
        File.Copy(fixture.NewWarehouse(), db);
        var temp = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        return new Run(root, Directory.CreateDirectory(Path.Combine(root, "deliveries")).FullName, temp, db, Path.Combine(root, "reports"),
            new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = fixture.KeyText, ["TMPDIR"] = temp });
    }

    /// <summary>The scanner sees what it looks for: every identifier is in the input, and record ids the facts keep are in the warehouse file.</summary>
    private static void AssertTheScanCanSee(Scanner identifiers, Run run, int rows)
    {
        // As written: A-number, FIN and both names of every row (but a family name the misplaced-quote rows split).
        Assert.True(identifiers.FindIn([run.Deliveries]).Select(h => h.Split(' ')[0]).Distinct().Count() >= rows * 4 - rows / 50);
        var controls = new Scanner(Enumerable.Range(0, rows).Select(RecordId));
        Assert.NotEmpty(controls.FindIn([Path.GetDirectoryName(run.Db)!]));
    }

    [Fact]
    public void A_clean_load_and_its_reports_leave_no_identifier_anywhere()
    {
        var run = NewRun();
        const int rows = 3_000;
        Delivery(run.Deliveries, "removals-FY2014", 0, rows, badEvery: 50);
        var load = Cli.Pdw(run.Env, "load", run.Deliveries, "--db", run.Db, "--json");
        Assert.True(load.ExitCode == 0, load.Err + load.Out);
        var texts = new List<string> { load.Out, load.Err };
        // Chromium puts its sockets in the temp folder, whose path must stay short (a Unix socket path has at most 107 bytes).
        var reportTemp = Directory.CreateTempSubdirectory("pdwr").FullName;
        try
        {
            if (File.Exists("/usr/bin/chromium"))
            {
                var report = Cli.Pdw(new Dictionary<string, string?>(run.Env) { ["TMPDIR"] = reportTemp },
                    "report", "all", "--fy", "2014", "--db", run.Db, "--out", run.Reports);
                Assert.True(report.ExitCode == 0, report.Err + report.Out);
                Assert.NotEmpty(Directory.EnumerateFiles(run.Reports, "*.html"));
                texts.AddRange([report.Out, report.Err]);
            }
            var scanner = new Scanner(Identifiers(0, rows));
            AssertTheScanCanSee(scanner, run, rows);
            Assert.Empty(scanner.FindIn([.. run.WrittenFolders, reportTemp], [.. texts]));
        }
        finally { Directory.Delete(reportTemp, recursive: true); }
        Assert.True(WarehouseSnapshot.Count(run.Db, "SELECT COUNT(*) FROM etl.Reject") >= 50);   // the bad rows were there to be searched
    }

    [Fact]
    public void A_load_failed_over_the_reject_threshold_leaves_no_identifier_anywhere()
    {
        var run = NewRun();
        const int rows = 1_200;
        Delivery(run.Deliveries, "removals-FY2014", 0, rows, badEvery: 2);
        var load = Cli.Pdw(run.Env, "load", run.Deliveries, "--db", run.Db);
        // 3: a delivery failed and the command went on (docs/operations.md, exit status of pdw load).
        Assert.Equal(3, load.ExitCode);
        Assert.Contains("reject", load.Err, StringComparison.Ordinal);
        var scanner = new Scanner(Identifiers(0, rows));
        Assert.Empty(scanner.FindIn(run.WrittenFolders, load.Out, load.Err));
        Assert.Equal(0, WarehouseSnapshot.Count(run.Db, "SELECT COUNT(*) FROM etl.Reject"));
    }

    [Fact]
    public async Task A_load_killed_while_staging_leaves_no_identifier_before_or_after_its_rerun()
    {
        var run = NewRun();
        const int rows = 60_000;
        Delivery(run.Deliveries, "removals-FY2014", 0, rows, badEvery: 50);
        var scanner = new Scanner(Identifiers(0, rows));
        using (var p = Process.Start(Cli.StartInfo(run.Env, "load", run.Deliveries, "--db", run.Db))!)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            // Killed once its spill files hold rows: what a SIGKILL leaves is what is searched.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!p.HasExited && DateTime.UtcNow < deadline && !Directory.EnumerateFiles(run.Temp, "pdw-stage-*").Any(f => new FileInfo(f).Length > 64 * 1024))
                await Task.Delay(2);
            Assert.False(p.HasExited, "the load ended before its spill files held rows");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.NotEmpty(Directory.EnumerateFiles(run.Temp, "pdw-stage-*"));
            Assert.Empty(scanner.FindIn(run.WrittenFolders, await stdout, await stderr));
        }
        var rerun = Cli.Pdw(run.Env, "load", run.Deliveries, "--db", run.Db);
        Assert.True(rerun.ExitCode == 0, rerun.Err + rerun.Out);
        Assert.Empty(Directory.EnumerateFiles(run.Temp, "pdw-stage-*"));
        Assert.Empty(scanner.FindIn(run.WrittenFolders, rerun.Out, rerun.Err));
    }
}
