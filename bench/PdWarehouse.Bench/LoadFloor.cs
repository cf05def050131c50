using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using PdWarehouse.Etl.Feeds;

/// <summary>
/// The floor under issue 4's ratio: the least work a load that meets the issue could do, as DuckDB SQL alone, timed in the
/// same run as the raw ingest of the same files. Per event file, in one transaction: read every line as text, type the
/// event and birth dates, check the feed's required fields and code lists and the event date against the manifest period, normalise the three identity keys (A-number,
/// FIN, name key) and HMAC-SHA256 them inside DuckDB, keep the rejects, add the persons not seen before (one anti-join)
/// and the facts not loaded before (one anti-join on the record id). It leaves out what pdw does beyond that: linking a
/// person's keys across records, SCD2 versions, conformed dimension keys, the person rows, raw text and field of each
/// reject, data tests, control totals, lineage. The same pipeline runs once more with the identity keys left in clear,
/// to show what the keyed hash alone costs. Both are measured, never assumed: if the floor's ratio is under 0.5, no load
/// that must also do the rest can reach 0.5 on this machine.
/// </summary>
static class LoadFloor
{
    public static JsonObject Measure(string deliveries, string work, double rawSeconds)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        CheckHmac(key);
        var files = Directory.EnumerateFiles(deliveries, "manifest.json", SearchOption.AllDirectories)
            .Select(m => (Manifest: JsonNode.Parse(File.ReadAllText(m))!, Dir: Path.GetDirectoryName(m)!))
            .Where(m => !m.Manifest["feed"]!.GetValue<string>().StartsWith("reference-", StringComparison.Ordinal))
            .SelectMany(m => m.Manifest["files"]!.AsArray().Select(f => (
                Path: Path.Combine(m.Dir, f!["name"]!.GetValue<string>()), Feed: FeedCatalog.Get(m.Manifest["feed"]!.GetValue<string>()),
                Start: m.Manifest["periodStart"]!.GetValue<string>(), End: m.Manifest["periodEnd"]!.GetValue<string>())))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var result = new JsonObject();
        foreach (var hashed in new[] { true, false })
        {
            var (seconds, steps, facts, rejects) = Run(files, Path.Combine(work, "floor.duckdb"), hashed ? key : null);
            var name = hashed ? "withKeyedHash" : "identityKeysInClear";
            result[name] = new JsonObject
            {
                ["seconds"] = Math.Round(seconds, 2), ["rawIngests"] = Math.Round(seconds / rawSeconds, 2),
                ["ratio"] = Math.Round(rawSeconds / seconds, 3), ["facts"] = facts, ["rejects"] = rejects,
                ["stepCostInRawIngests"] = new JsonObject(steps.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Math.Round(s.Value / rawSeconds, 2)))),
            };
            Console.WriteLine($"floor ({(hashed ? "keyed hash" : "keys in clear")}): {seconds:0.00}s = {seconds / rawSeconds:0.00} raw ingests, ratio {rawSeconds / seconds:0.000}; {facts:N0} facts, {rejects:N0} rejects");
        }
        return result;
    }

    private static (double Seconds, Dictionary<string, double> Steps, long Facts, long Rejects) Run(
        IReadOnlyList<(string Path, FeedDefinition Feed, string Start, string End)> files, string dbPath, byte[]? key)
    {
        foreach (var f in new[] { dbPath, dbPath + ".wal" }) File.Delete(f);
        using var c = new DuckDBConnection($"Data Source={dbPath}");
        c.Open();
        Exec(c, "CREATE TABLE Person (PersonKey BIGINT, KeyHash VARCHAR)");
        Exec(c, "CREATE TABLE Fact (RecordId VARCHAR, EventDate DATE, Code VARCHAR, ANumberHash VARCHAR, FinHash VARCHAR, NameKeyHash VARCHAR, CountryCode VARCHAR, Batch INTEGER)");
        Exec(c, "CREATE TABLE Reject (FileName VARCHAR, Line BIGINT, Reason VARCHAR)");
        var steps = new Dictionary<string, double>();
        var total = 0.0;
        var batch = 0;
        foreach (var (path, feed, start, end) in files)
        {
            batch++;
            var eventDate = feed.EventDateColumn ?? throw new InvalidOperationException($"Feed {feed.Name} has no event date.");
            // The feed's own field rules, as pdw validates them: required, type, length, code list; then the event date's period.
            var checks = string.Concat(feed.Columns.Select(col =>
                (col.Required ? $"WHEN {col.Name} IS NULL THEN 'MISSING-REQUIRED' " : "") +
                col.Type switch
                {
                    FeedType.Date => $"WHEN {col.Name} IS NOT NULL AND TRY_CAST({col.Name} AS DATE) IS NULL THEN 'INVALID-DATE' ",
                    FeedType.Integer => $"WHEN {col.Name} IS NOT NULL AND TRY_CAST({col.Name} AS INTEGER) IS NULL THEN 'INVALID-NUMBER' ",
                    _ => $"WHEN length({col.Name}) > {col.MaxLength} THEN 'TOO-LONG' ",
                } +
                (col.AllowedValues is null ? "" :
                    $"WHEN {col.Name} NOT IN ({string.Join(", ", col.AllowedValues.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"))}) THEN 'INVALID-CODE' ")));
            void Step(string name, string sql)
            {
                var sw = Stopwatch.StartNew();
                Exec(c, sql);
                total += sw.Elapsed.TotalSeconds;
                steps[name] = steps.GetValueOrDefault(name) + sw.Elapsed.TotalSeconds;
            }
            Step("begin", "BEGIN TRANSACTION");
            // quote = '' and ignore_errors as in the raw ingest: every record is one line, so both read the same lines.
            Step("stage", $"""
                CREATE OR REPLACE TEMP TABLE Staged AS
                WITH Source AS (
                    SELECT row_number() OVER () + 1 AS Line, *
                    FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true, all_varchar = true, ignore_errors = true, strict_mode = false, quote = '')),
                Typed AS (
                    SELECT Line, {feed.RecordIdColumn} AS RecordId, TRY_CAST({eventDate} AS DATE) AS EventDate, {feed.Columns[1].Name} AS Code,
                           CitizenshipCountryCode AS CountryCode, TRY_CAST(BirthDate AS DATE) AS BirthDate,
                           ltrim(regexp_replace(ANumber, '[^0-9]', '', 'g'), '0') AS ANumberDigits,
                           NULLIF(regexp_replace(Fin, '[^0-9]', '', 'g'), '') AS FinDigits,
                           regexp_replace(upper(strip_accents(FamilyName)), '[^A-Z]', '', 'g') AS Family,
                           regexp_replace(upper(strip_accents(GivenName)), '[^A-Z]', '', 'g') AS Given,
                           CASE {checks}WHEN TRY_CAST({eventDate} AS DATE) NOT BETWEEN DATE '{start}' AND DATE '{end}' THEN 'DATE-OUT-OF-PERIOD' END AS Reason
                    FROM Source)
                SELECT *,
                       {Hash(key, "CASE WHEN length(ANumberDigits) BETWEEN 1 AND 9 THEN 'A' || lpad(ANumberDigits, 9, '0') END")} AS ANumberHash,
                       {Hash(key, "FinDigits")} AS FinHash,
                       {Hash(key, "CASE WHEN Family <> '' AND Given <> '' AND BirthDate IS NOT NULL AND CountryCode IS NOT NULL THEN Family || '|' || Given || '|' || strftime(BirthDate, '%Y-%m-%d') || '|' || CountryCode END")} AS NameKeyHash
                FROM Typed
                """);
            Step("rejects", $"INSERT INTO Reject SELECT '{Path.GetFileName(path)}', Line, Reason FROM Staged WHERE Reason IS NOT NULL");
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

    /// <summary>HMAC-SHA256 in DuckDB SQL (RFC 2104 over its sha256 of a BLOB), or the text itself when there is no key.</summary>
    private static string Hash(byte[]? key, string text)
    {
        if (key is null) return text;
        string Pad(byte with) => Convert.ToHexString(key.Concat(new byte[64 - key.Length]).Select(b => (byte)(b ^ with)).ToArray());
        return $"CASE WHEN ({text}) IS NOT NULL THEN sha256(unhex('{Pad(0x5c)}') || unhex(sha256(unhex('{Pad(0x36)}') || encode({text})))) END";
    }

    /// <summary>The floor must do the work pdw does: its SQL HMAC must equal .NET's HMACSHA256 (which pdw uses).</summary>
    private static void CheckHmac(byte[] key)
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Hash(key, "'A012345678'")}";
        var expected = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("A012345678"))).ToLowerInvariant();
        if ((string?)cmd.ExecuteScalar() != expected)
            throw new InvalidOperationException("The floor's SQL HMAC differs from HMACSHA256; its figure would measure other work.");
    }

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
