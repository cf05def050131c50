using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// Reads and writes manifest.json. Parsing is by hand over JsonDocument rather than by deserialisation so that each
/// schema violation becomes a message naming the property, and writing uses a fixed property order so that the same
/// manifest always has the same bytes (and so the same ManifestSha256).
/// </summary>
public static class ManifestJson
{
    public const string FileName = "manifest.json";

    /// <summary>Parses manifest bytes; throws <see cref="FormatException"/> with the offending property on any schema violation.</summary>
    public static Manifest Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON ({Echo.Value(ex.Message.Split('\n')[0])})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the manifest must be a JSON object");
            var files = new List<ManifestFile>();
            foreach (var (f, i) in Array(root, "files").Select((f, i) => (f, i)))
            {
                var at = $"files[{i}]";
                if (f.ValueKind != JsonValueKind.Object) throw new FormatException($"{at} must be an object");
                var sha = String(f, "sha256", at);
                if (sha.Length != 64 || !sha.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
                    throw new FormatException($"{at}.sha256 must be 64 lowercase hexadecimal digits");
                var rows = Int64(f, "rows", at);
                if (rows < 0) throw new FormatException($"{at}.rows must not be negative");
                files.Add(new ManifestFile(String(f, "name", at), sha, rows));
            }
            if (files.Count == 0) throw new FormatException("files must list at least one file");
            var totals = new List<ControlTotal>();
            if (root.TryGetProperty("controlTotals", out _))
                foreach (var (t, i) in Array(root, "controlTotals").Select((t, i) => (t, i)))
                {
                    var at = $"controlTotals[{i}]";
                    if (t.ValueKind != JsonValueKind.Object) throw new FormatException($"{at} must be an object");
                    // A control total counts records: a negative one is nonsense, and the difference loaded − reported of
                    // two counts can never overflow a long (issue 24: −2⁶³ wrapped it).
                    var value = Int64(t, "value", at);
                    if (value < 0) throw new FormatException($"{at}.value must not be negative: a control total is a count (it is {value})");
                    totals.Add(new ControlTotal(String(t, "measure", at), value));
                }
            var start = Date(root, "periodStart");
            var end = Date(root, "periodEnd");
            if (end < start) throw new FormatException($"periodEnd {end:yyyy-MM-dd} is before periodStart {start:yyyy-MM-dd}");
            var extracted = String(root, "extractedAt", null);
            if (!DateTimeOffset.TryParseExact(extracted, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var extractedAt))
                throw new FormatException($"extractedAt '{Echo.Value(extracted)}' is not an ISO 8601 timestamp with offset (e.g. 2014-10-15T06:00:00Z)");
            return new Manifest(
                String(root, "formatVersion", null), String(root, "feed", null), String(root, "component", null), String(root, "sourceSystem", null),
                start, end, extractedAt, files, totals);
        }
    }

    public static byte[] Write(Manifest m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("formatVersion", m.FormatVersion);
            w.WriteString("feed", m.Feed);
            w.WriteString("component", m.Component);
            w.WriteString("sourceSystem", m.SourceSystem);
            w.WriteString("periodStart", m.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("periodEnd", m.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("extractedAt", m.ExtractedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteStartArray("files");
            foreach (var f in m.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("rows", f.Rows);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("controlTotals");
            foreach (var t in m.ControlTotals)
            {
                w.WriteStartObject();
                w.WriteString("measure", t.Measure);
                w.WriteNumber("value", t.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    static JsonElement Property(JsonElement obj, string name, string? at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new FormatException($"missing property {(at is null ? "" : at + ".")}{name}");
        return value;
    }

    static string String(JsonElement obj, string name, string? at)
    {
        var v = Property(obj, name, at);
        if (v.ValueKind != JsonValueKind.String) throw new FormatException($"{(at is null ? "" : at + ".")}{name} must be a string");
        var s = v.GetString()!;
        if (s.Length == 0) throw new FormatException($"{(at is null ? "" : at + ".")}{name} must not be empty");
        return s;
    }

    static long Int64(JsonElement obj, string name, string at)
    {
        var v = Property(obj, name, at);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n)) throw new FormatException($"{at}.{name} must be an integer");
        return n;
    }

    static DateOnly Date(JsonElement obj, string name)
    {
        var s = String(obj, name, null);
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new FormatException($"{name} '{Echo.Value(s)}' is not a date (yyyy-MM-dd)");
        return d;
    }

    static JsonElement.ArrayEnumerator Array(JsonElement obj, string name)
    {
        var v = Property(obj, name, null);
        if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"{name} must be an array");
        return v.EnumerateArray();
    }

    internal static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    internal static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
}
