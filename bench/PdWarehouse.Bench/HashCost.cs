using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PdWarehouse.Etl.Identity;

namespace PdWarehouse.Bench;

/// <summary>
/// Issue 20 item 2: nanoseconds per identifier hashed by the load's own hash (PseudonymKey.Hash over the typed bytes) next to
/// a bare HMACSHA256.HashData loop over the same inputs, in the same process, one thread each, alternated three times.
/// </summary>
internal static class HashCost
{
    public static JsonObject Measure(int count = 1_000_000)
    {
        var keyText = PseudonymKey.NewKeyText();
        var key = PseudonymKey.FromText(keyText, "bench");
        var keyBytes = Convert.FromBase64String(keyText);
        // Typed identifiers in the load's forms: A-numbers, FINs and name keys, a third each.
        var inputs = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes((i % 3) switch
        {
            0 => $"A:A{i:D9}",
            1 => $"F:{1_000_000_000L + i}",
            _ => $"N:FAMILYNAME{i % 977}|GIVEN{i % 131}|19{i % 90 + 10}-0{i % 9 + 1}-1{i % 9}|MX",
        })).ToArray();
        UInt128 sink = 0;
        double ours = double.MaxValue, bare = double.MaxValue;
        Span<byte> digest = stackalloc byte[32];
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var input in inputs) sink ^= key.Hash(input);
            ours = Math.Min(ours, sw.Elapsed.TotalNanoseconds / count);
            sw.Restart();
            foreach (var input in inputs)
            {
                HMACSHA256.HashData(keyBytes, input, digest);
                sink ^= digest[0];
            }
            bare = Math.Min(bare, sw.Elapsed.TotalNanoseconds / count);
        }
        Console.WriteLine($"hash: {ours:0} ns per identifier (PseudonymKey.Hash) against {bare:0} ns (bare HMACSHA256 loop), {ours / bare:0.00}x; {sink & 1}");
        return new JsonObject { ["identifiers"] = count, ["nsPerIdentifier"] = Math.Round(ours), ["bareHmacNsPerIdentifier"] = Math.Round(bare), ["ratio"] = Math.Round(ours / bare, 2) };
    }
}
