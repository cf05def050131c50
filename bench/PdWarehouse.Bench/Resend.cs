using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Bench;

/// <summary>
/// The re-send run (issue 7): the component re-sends its latest removals delivery with 1% of the records
/// corrected (criminal status flipped), and the same warehouse loads it. Time and rows touched must follow
/// the delivery's size, not the warehouse's.
/// </summary>
internal static class Resend
{
    public static JsonObject Run(string pdw, IReadOnlyDictionary<string, string> env, string deliveries, string db, string work)
    {
        var original = Directory.GetDirectories(deliveries, "ice-removals-returns-FY*").OrderBy(d => d, StringComparer.Ordinal).Last();
        var name = Path.GetFileName(original);
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        var copy = Path.Combine(work, name);
        Directory.CreateDirectory(copy);
        var manifest = ManifestJson.Parse(File.ReadAllBytes(Path.Combine(original, "manifest.json")));
        var files = new List<ManifestFile>();
        long corrected = 0;
        foreach (var file in manifest.Files)
        {
            var lines = File.ReadAllLines(Path.Combine(original, file.Name), Encoding.Latin1);   // byte-preserving for the dirty lines
            var status = Array.IndexOf(lines[0].Split(','), "CriminalStatus");
            for (var i = 1; i < lines.Length; i++)
            {
                if (i % 100 != 0 || lines[i].Contains('"')) continue;
                var fields = lines[i].Split(',');
                if (status < 0 || fields.Length <= status || fields[status] is not ("CRIMINAL" or "NON-CRIMINAL")) continue;
                fields[status] = fields[status] == "CRIMINAL" ? "NON-CRIMINAL" : "CRIMINAL";
                lines[i] = string.Join(',', fields);
                corrected++;
            }
            var path = Path.Combine(copy, file.Name);
            File.WriteAllText(path, string.Join('\n', lines) + "\n", Encoding.Latin1);
            files.Add(file with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) });
        }
        File.WriteAllBytes(Path.Combine(copy, "manifest.json"), ManifestJson.Write(manifest with { Files = files, ExtractedAt = manifest.ExtractedAt.AddDays(30) }));

        long factRows;
        using (var c = new DuckDBConnection($"Data Source={db}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM dw.FactEnforcementAction) + (SELECT COUNT(*) FROM dw.FactDiscretionDecision) + (SELECT COUNT(*) FROM dw.FactDeferredActionRequest)";
            factRows = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        Console.WriteLine($"== re-sending {name} with {corrected:N0} corrected records into a warehouse of {factRows:N0} fact rows");
        var json = Path.Combine(work, "resend.json");
        var (wall, peak) = Processes.Timed(pdw, ["load", copy, "--db", db, "--json"], env, json);
        var batch = JsonNode.Parse(File.ReadAllText(json))!.AsArray().Single()!;
        // Batch time on both sides: the process's start-up (runtime, dacpac model) is not the delivery's cost.
        var seconds = batch["seconds"]!.GetValue<double>();
        var first = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(db)!, $"load-{Path.GetFileNameWithoutExtension(db)["pdw-".Length..]}.json")))!
            .AsArray().First(b => b!["delivery"]!.GetValue<string>() == name)!;
        var rows = batch["rowsRead"]!.GetValue<long>();
        return new JsonObject
        {
            ["resend"] = true, ["delivery"] = name, ["correctedRecords"] = corrected, ["rowsRead"] = rows,
            ["rowsUpdated"] = batch["rowsUpdated"]!.GetValue<long>(), ["rowsInserted"] = batch["rowsInserted"]!.GetValue<long>(),
            ["warehouseFactRows"] = factRows, ["loadSeconds"] = Math.Round(seconds, 2), ["processSeconds"] = Math.Round(wall, 2), ["peakMemoryMb"] = peak,
            ["secondsPerMillionDeliveryRows"] = Math.Round(seconds / (rows / 1e6), 2),
            ["firstLoadSecondsPerMillionRows"] = Math.Round(first["seconds"]!.GetValue<double>() / (rows / 1e6), 2),
        };
    }
}
