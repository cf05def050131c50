using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

// Load benchmark (issue 4): generate a delivery set, load it with `pdw load` as a user would, and measure in
// the same run DuckDB's own read_csv ingest of the same files into plain tables. The headline is the ratio of
// our end-to-end rate to that raw ingest rate; peak memory comes from /usr/bin/time for each scale.
//   dotnet PdWarehouse.Bench.dll --scales 0.3,1.0 --fiscal-years 2012-2014 --work /tmp/pdw-bench --out bench/results
var options = Options.Parse(args);
var pdw = Path.Combine(AppContext.BaseDirectory, "pdw.dll");
Directory.CreateDirectory(options.Work);
var keyFile = Path.Combine(options.Work, "bench.key");
if (!File.Exists(keyFile)) Run("dotnet", [pdw, "key", "new", "--out", keyFile]);
var env = new Dictionary<string, string> { ["PDW_PSEUDONYM_KEY_FILE"] = keyFile };
var results = new List<JsonObject>();

foreach (var scale in options.Scales)
{
    var label = scale.ToString("0.###", CultureInfo.InvariantCulture);
    var deliveries = Path.Combine(options.Work, $"deliveries-{label}");
    var db = Path.Combine(options.Work, $"pdw-{label}.duckdb");
    if (!File.Exists(Path.Combine(deliveries, "truth.json")))
    {
        Console.WriteLine($"== generating scale {label}, fiscal years {options.FiscalYears}");
        Run("dotnet", [pdw, "generate", "--fiscal-years", options.FiscalYears, "--scale", label, "--seed", "42", "--dirty-rate", "0.01", "--out", deliveries]);
    }
    foreach (var f in new[] { db, db + ".wal" }) File.Delete(f);
    Run("dotnet", [pdw, "warehouse", "init", "--db", db], env);

    Console.WriteLine($"== loading scale {label}");
    var json = Path.Combine(options.Work, $"load-{label}.json");
    var (loadSeconds, loadPeakMb) = Timed(pdw, ["load", deliveries, "--db", db, "--json"], env, json);
    var batches = JsonNode.Parse(File.ReadAllText(json))!.AsArray();
    var rowsRead = batches.Sum(b => b!["rowsRead"]!.GetValue<long>());
    var steps = batches.SelectMany(b => b!["steps"]!.AsArray())
        .GroupBy(s => s!["step"]!.GetValue<string>())
        .ToDictionary(g => g.Key, g => g.Sum(s => s!["seconds"]!.GetValue<double>()));

    Console.WriteLine($"== baseline: DuckDB read_csv of the same files, scale {label}");
    var (rawRows, rawSeconds) = RawIngest(deliveries, Path.Combine(options.Work, $"raw-{label}.duckdb"));

    // Both rates over the same data lines: DuckDB skips the dirty lines it cannot parse, we quarantine them.
    var ours = rowsRead / loadSeconds;
    var raw = rowsRead / rawSeconds;
    var result = new JsonObject
    {
        ["scale"] = scale, ["fiscalYears"] = options.FiscalYears, ["rowsRead"] = rowsRead,
        ["loadSeconds"] = Math.Round(loadSeconds, 2), ["loadRowsPerSecond"] = Math.Round(ours),
        ["loadPeakMemoryMb"] = loadPeakMb, ["secondsPerMillionRows"] = Math.Round(loadSeconds / (rowsRead / 1e6), 2),
        ["rawIngestRows"] = rawRows, ["rawIngestSeconds"] = Math.Round(rawSeconds, 2), ["rawIngestRowsPerSecond"] = Math.Round(raw),
        ["ratio"] = Math.Round(ours / raw, 3),
        ["stepShares"] = new JsonObject(steps.OrderByDescending(s => s.Value)
            .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)Math.Round(s.Value / steps.Values.Sum(), 3)))),
    };
    results.Add(result);
    Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}

Directory.CreateDirectory(options.Out);
var stamp = DateTime.UtcNow.ToString("yyyy-MM-ddTHHmm", CultureInfo.InvariantCulture);
var report = new JsonObject
{
    ["benchmark"] = "load", ["when"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
    ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
    ["results"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()),
};
var outFile = Path.Combine(options.Out, $"load-{stamp}.json");
File.WriteAllText(outFile, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
var md = new StringBuilder("| scale | rows | load s | rows/s | read_csv rows/s | ratio | s per M rows | peak MB |\n|---|---|---|---|---|---|---|---|\n");
foreach (var r in results)
    md.Append(CultureInfo.InvariantCulture, $"| {r["scale"]} | {r["rowsRead"]:N0} | {r["loadSeconds"]} | {r["loadRowsPerSecond"]:N0} | {r["rawIngestRowsPerSecond"]:N0} | {r["ratio"]} | {r["secondsPerMillionRows"]} | {r["loadPeakMemoryMb"]} |\n");
File.WriteAllText(Path.ChangeExtension(outFile, ".md"), md.ToString());
Console.WriteLine(md);
Console.WriteLine($"Results: {outFile}");
return 0;

static void Run(string file, string[] args, IReadOnlyDictionary<string, string>? env = null)
{
    var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true };
    foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
    using var p = Process.Start(psi)!;
    p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
}

/// <summary>Wall time and peak resident memory (from GNU time) of one pdw run; stdout goes to a file.</summary>
static (double Seconds, double PeakMb) Timed(string pdw, string[] args, IReadOnlyDictionary<string, string> env, string stdoutFile)
{
    var timeFile = Path.GetTempFileName();
    var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, "dotnet", pdw, .. args]) { RedirectStandardOutput = true };
    foreach (var (k, v) in env) psi.Environment[k] = v;
    using var p = Process.Start(psi)!;
    File.WriteAllText(stdoutFile, p.StandardOutput.ReadToEnd());
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"pdw {string.Join(' ', args)} exited {p.ExitCode}");
    var parts = File.ReadAllText(timeFile).Trim().Split(' ');
    return (double.Parse(parts[0], CultureInfo.InvariantCulture), Math.Round(double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024, 1));
}

/// <summary>DuckDB's own CSV ingest of every delivery file into a plain table: the best a loader could do.</summary>
static (long Rows, double Seconds) RawIngest(string deliveries, string dbPath)
{
    foreach (var f in new[] { dbPath, dbPath + ".wal" }) File.Delete(f);
    using var c = new DuckDBConnection($"Data Source={dbPath}");
    c.Open();
    long rows = 0;
    var sw = Stopwatch.StartNew();
    var i = 0;
    foreach (var file in Directory.EnumerateFiles(deliveries, "*.csv", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
    {
        using var cmd = c.CreateCommand();
        // The files carry deliberate dirty rows; ignore_errors lets DuckDB skip them as our loader quarantines them.
        cmd.CommandText = $"CREATE TABLE raw{i++} AS SELECT * FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true, ignore_errors = true, strict_mode = false)";
        cmd.ExecuteNonQuery();
        using var count = c.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM raw{i - 1}";
        rows += Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
    using (var checkpoint = c.CreateCommand()) { checkpoint.CommandText = "CHECKPOINT"; checkpoint.ExecuteNonQuery(); }
    return (rows, sw.Elapsed.TotalSeconds);
}

sealed record Options(double[] Scales, string FiscalYears, string Work, string Out)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(
            Get("--scales", "0.3,1.0").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            Get("--fiscal-years", "2012-2014"),
            Get("--work", Path.Combine(Path.GetTempPath(), "pdw-bench")),
            Get("--out", Path.Combine(Directory.GetCurrentDirectory(), "bench", "results")));
    }
}
