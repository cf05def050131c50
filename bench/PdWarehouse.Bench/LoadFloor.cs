using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Bench;

/// <summary>
/// A floor under issue 4's ratio: a lean implementation of part of what the issue requires, timed in the same run as
/// the raw ingest of the same files, so the 0.5 target is judged against measured work. Per event file, in one
/// transaction, in DuckDB: every line read as text; the feed's field rules (required, type, text length, code list) and
/// the manifest period checked; the three identity keys normalised as pdw does and HMAC-SHA256'd by a .NET scalar
/// function (faster than DuckDB's sha256 in SQL: 0.97 against 1.45–1.6 s for 1.56 M keys); rejects kept; new persons
/// and new facts added by anti-join.
/// It leaves out, so it is cheaper than any load that meets the issue: the manifest's checksums and row counts, the
/// UTF-8 and quoting checks (lines DuckDB skips are not even counted), duplicate records, each reject's field and raw
/// text, linking a person's keys, SCD2 versions, conformed dimension keys, data tests, control totals and lineage.
/// It runs twice, with the keyed hash and with the keys in clear, to show what the hash alone costs.
/// </summary>
internal static class LoadFloor
{
    private const string HashFunction = "pdw_floor_hmac";

    public static JsonObject Measure(string deliveries, string work, double rawSeconds)
    {
        // The project's own manifest parser and feed catalog; reference feeds (no event date) are not events.
        var files = Directory.EnumerateFiles(deliveries, ManifestJson.FileName, SearchOption.AllDirectories)
            .Select(m => (Manifest: ManifestJson.Parse(File.ReadAllBytes(m)), Dir: Path.GetDirectoryName(m)!))
            .Select(m => (m.Manifest, m.Dir, Feed: FeedCatalog.Get(m.Manifest.Feed)))
            .Where(m => m.Feed.EventDateColumn is not null)
            .SelectMany(m => m.Manifest.Files.Select(f => new FloorFile(
                Path.Combine(m.Dir, f.Name), m.Feed, m.Feed.EventDateColumn!, m.Manifest.PeriodStart, m.Manifest.PeriodEnd)))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No event deliveries (manifest.json) under {deliveries}.");
        var result = new JsonObject();
        foreach (var hashed in new[] { true, false })
        {
            var (seconds, steps, facts, rejects) = Run(files, Path.Combine(work, "floor.duckdb"), hashed);
            result[hashed ? "withKeyedHash" : "identityKeysInClear"] = new JsonObject
            {
                ["seconds"] = Math.Round(seconds, 2), ["rawIngests"] = Math.Round(seconds / rawSeconds, 2),
                ["ratio"] = Math.Round(rawSeconds / seconds, 3), ["facts"] = facts, ["rejects"] = rejects,
                ["stepCostInRawIngests"] = new JsonObject(steps.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Math.Round(s.Value / rawSeconds, 2)))),
            };
            Console.WriteLine($"floor ({(hashed ? "keyed hash" : "keys in clear")}): {seconds:0.00}s = {seconds / rawSeconds:0.00} raw ingests, ratio {rawSeconds / seconds:0.000}; {facts:N0} facts, {rejects:N0} rejects");
        }
        return result;
    }

    private sealed record FloorFile(string Path, FeedDefinition Feed, string EventDate, DateOnly Start, DateOnly End);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (double Seconds, Dictionary<string, double> Steps, long Facts, long Rejects) Run(IReadOnlyList<FloorFile> files, string dbPath, bool hashed)
    {
        foreach (var f in new[] { dbPath, dbPath + ".wal" }) File.Delete(f);
        using var c = new DuckDBConnection($"Data Source={dbPath}");
        c.Open();
        using var hashing = hashed ? RegisterHash(c) : null;
        Exec(c, "CREATE TABLE Person (PersonKey BIGINT, KeyHash VARCHAR)");
        Exec(c, "CREATE TABLE Fact (RecordId VARCHAR, EventDate DATE, Code VARCHAR, ANumberHash VARCHAR, FinHash VARCHAR, NameKeyHash VARCHAR, CountryCode VARCHAR, Batch INTEGER)");
        Exec(c, "CREATE TABLE Reject (FileName VARCHAR, Line BIGINT, Reason VARCHAR)");
        string Hash(string column) => hashed ? $"{HashFunction}({column})" : column;
        var steps = new Dictionary<string, double>();
        var total = 0.0;
        var batch = 0;
        foreach (var (path, feed, eventDate, start, end) in files)
        {
            batch++;
            var checks = string.Concat(feed.Columns.Select(col =>
                (col.Required ? $"WHEN {col.Name} IS NULL THEN 'MISSING-REQUIRED' " : "") +
                col.Type switch
                {
                    FeedType.Date => $"WHEN {col.Name} IS NOT NULL AND TRY_CAST({col.Name} AS DATE) IS NULL THEN 'INVALID-DATE' ",
                    FeedType.Integer => $"WHEN {col.Name} IS NOT NULL AND TRY_CAST({col.Name} AS INTEGER) IS NULL THEN 'INVALID-NUMBER' ",
                    _ => $"WHEN length({col.Name}) > {col.MaxLength} THEN 'TOO-LONG' ",
                } +
                (col.AllowedValues is null ? "" : $"WHEN {col.Name} NOT IN ({string.Join(", ", col.AllowedValues.Select(Literal))}) THEN 'INVALID-CODE' ")));
            void Step(string name, string sql)
            {
                var sw = Stopwatch.StartNew();
                Exec(c, sql);
                total += sw.Elapsed.TotalSeconds;
                steps[name] = steps.GetValueOrDefault(name) + sw.Elapsed.TotalSeconds;
            }
            Step("begin", "BEGIN TRANSACTION");
            // Read as the raw ingest reads (quote = '', ignore_errors), so both handle the same lines. The keys are
            // pdw's inputs to its hash ("A:" + canonical A-number, "F:" + FIN digits, "N:" + name key; PersonColumns).
            // The feed's second column is a code every event feed has (office, sector, service center): a stand-in
            // for the conformed codes a fact carries.
            Step("stage", $"""
                CREATE OR REPLACE TEMP TABLE Staged AS
                WITH Source AS (
                    SELECT row_number() OVER () + 1 AS Line, *
                    FROM read_csv({Literal(path)}, header = true, all_varchar = true, ignore_errors = true, strict_mode = false, quote = '')),
                Typed AS (
                    SELECT Line, {feed.RecordIdColumn} AS RecordId, TRY_CAST({eventDate} AS DATE) AS EventDate, {feed.Columns[1].Name} AS Code,
                           CitizenshipCountryCode AS CountryCode,
                           ltrim(regexp_replace(ANumber, '[^0-9]', '', 'g'), '0') AS ANumberDigits,
                           NULLIF(regexp_replace(Fin, '[^0-9]', '', 'g'), '') AS FinDigits,
                           regexp_replace(upper(strip_accents(FamilyName)), '[^A-Z]', '', 'g') AS Family,
                           regexp_replace(upper(strip_accents(GivenName)), '[^A-Z]', '', 'g') AS Given,
                           TRY_CAST(BirthDate AS DATE) AS BirthDate,
                           CASE {checks}WHEN TRY_CAST({eventDate} AS DATE) NOT BETWEEN DATE '{Iso(start)}' AND DATE '{Iso(end)}' THEN 'DATE-OUT-OF-PERIOD' END AS Reason
                    FROM Source),
                Keyed AS (
                    SELECT *,
                           CASE WHEN length(ANumberDigits) BETWEEN 1 AND 9 THEN 'A:A' || lpad(ANumberDigits, 9, '0') END AS ANumberKey,
                           'F:' || FinDigits AS FinKey,
                           CASE WHEN Family <> '' AND Given <> '' AND BirthDate IS NOT NULL AND CountryCode IS NOT NULL
                                THEN 'N:' || Family || '|' || Given || '|' || strftime(BirthDate, '%Y-%m-%d') || '|' || CountryCode END AS NameKey
                    FROM Typed)
                SELECT Line, RecordId, EventDate, Code, CountryCode, Reason,
                       {Hash("ANumberKey")} AS ANumberHash, {Hash("FinKey")} AS FinHash, {Hash("NameKey")} AS NameKeyHash
                FROM Keyed
                """);
            Step("rejects", $"INSERT INTO Reject SELECT {Literal(Path.GetFileName(path))}, Line, Reason FROM Staged WHERE Reason IS NOT NULL");
            Step("persons", """
                INSERT INTO Person
                SELECT (SELECT coalesce(max(PersonKey), 0) FROM Person) + row_number() OVER (), KeyHash
                FROM (SELECT DISTINCT coalesce(ANumberHash, FinHash, NameKeyHash) AS KeyHash FROM Staged WHERE Reason IS NULL) s
                WHERE KeyHash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Person p WHERE p.KeyHash = s.KeyHash)
                """);
            Step("facts", $"""
                INSERT INTO Fact
                SELECT RecordId, EventDate, Code, ANumberHash, FinHash, NameKeyHash, CountryCode, {batch}
                FROM Staged s WHERE Reason IS NULL AND NOT EXISTS (SELECT 1 FROM Fact f WHERE f.RecordId = s.RecordId)
                """);
            Step("commit", "COMMIT");
        }
        var checkpoint = Stopwatch.StartNew();
        Exec(c, "CHECKPOINT");
        total += checkpoint.Elapsed.TotalSeconds;
        steps["checkpoint"] = checkpoint.Elapsed.TotalSeconds;
        return (total, steps, Scalar(c, "SELECT COUNT(*) FROM Fact"), Scalar(c, "SELECT COUNT(*) FROM Reject"));
    }

    /// <summary>
    /// HMAC-SHA256 as pdw computes it (one reused keyed <see cref="IncrementalHash"/> per thread, lower-case hex), as a
    /// DuckDB scalar function so DuckDB's threads hash beside its reader. The key is random: the cost does not depend
    /// on it. Checked against <see cref="HMACSHA256"/> before it is timed.
    /// </summary>
    private static HashState RegisterHash(DuckDBConnection c)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var macs = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);
#pragma warning disable DuckDBNET001 // scalar functions are marked experimental in DuckDB.NET; this is a benchmark, not the load
        c.RegisterScalarFunction<string, string>(HashFunction, (readers, writer, rows) =>
        {
            var mac = macs.Value!;
            Span<byte> digest = stackalloc byte[32];
            for (ulong i = 0; i < rows; i++)
            {
                if (!readers[0].IsValid(i)) { writer.WriteNull(i); continue; }
                mac.AppendData(Encoding.UTF8.GetBytes(readers[0].GetValue<string>(i)));
                mac.GetHashAndReset(digest);
                writer.WriteValue(Convert.ToHexStringLower(digest), i);
            }
        });
#pragma warning restore DuckDBNET001
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {HashFunction}('A:A012345678')";
        if ((string?)cmd.ExecuteScalar() != Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("A:A012345678"))))
            throw new InvalidOperationException("The floor's hash function differs from HMACSHA256; its figure would measure other work.");
        return new HashState(macs);
    }

    private sealed class HashState(ThreadLocal<IncrementalHash> macs) : IDisposable
    {
        public void Dispose()
        {
            foreach (var mac in macs.Values) mac.Dispose();
            macs.Dispose();
        }
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Exec(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
