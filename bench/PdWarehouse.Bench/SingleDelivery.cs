using System.Globalization;
using System.Text.Json.Nodes;

namespace PdWarehouse.Bench;

/// <summary>
/// One delivery of real-year size (issue 23): the FY2014 removals-and-returns delivery generated at a scale that makes it
/// about two million records (as ICE's mid-2000s years were), loaded alone into a new warehouse with DuckDB held to
/// pdw's default memory limit. What must hold is that it loads at all; its time and peak memory say how memory grows
/// with the size of one delivery.
/// </summary>
internal static class SingleDelivery
{
    public static JsonObject Run(string pdw, IReadOnlyDictionary<string, string> env, string work, double scale)
    {
        var label = scale.ToString("0.###", CultureInfo.InvariantCulture);
        var deliveries = Path.Combine(work, $"single-{label}");
        var delivery = Path.Combine(deliveries, "ice-removals-returns-FY2014");
        if (!File.Exists(Path.Combine(delivery, "manifest.json")))
        {
            Console.WriteLine($"== generating FY2014 at scale {label} for one large removals delivery");
            Processes.Run("dotnet", [pdw, "generate", "--fiscal-years", "2014", "--scale", label, "--seed", "42", "--dirty-rate", "0", "--out", deliveries]);
        }
        var db = Path.Combine(work, $"pdw-single-{label}.duckdb");
        foreach (var f in new[] { db, db + ".wal" }) File.Delete(f);
        Processes.Run("dotnet", [pdw, "warehouse", "init", "--db", db], env);
        // The default limit, whatever the caller's environment says.
        var defaults = new Dictionary<string, string>(env) { ["PDW_DUCKDB_MEMORY_LIMIT"] = "" };
        Console.WriteLine($"== loading the one delivery {Path.GetFileName(delivery)} at the default memory limit");
        var json = Path.Combine(work, $"load-single-{label}.json");
        // A delivery that runs out of memory fails (exit 3) and says so in its --json: that is the result to record.
        var (seconds, peakMb) = Processes.Timed(pdw, ["load", delivery, "--db", db, "--json"], defaults, json, requireSuccess: false);
        var batch = JsonNode.Parse(File.ReadAllText(json))!.AsArray().Single()!;
        var rows = batch["rowsRead"]!.GetValue<long>();
        var result = new JsonObject
        {
            ["singleDelivery"] = Path.GetFileName(delivery), ["scale"] = scale, ["rows"] = rows,
            ["status"] = batch["status"]!.GetValue<string>(), ["memoryLimit"] = "default (1GB)",
            ["loadSeconds"] = Math.Round(seconds, 1), ["loadPeakMb"] = peakMb,
            ["secondsPerMillionRows"] = Math.Round(seconds / (rows / 1e6), 1),
        };
        Console.WriteLine($"   {rows:N0} rows, {result["status"]}, {seconds:0.0} s, peak {peakMb} MB");
        return result;
    }
}
