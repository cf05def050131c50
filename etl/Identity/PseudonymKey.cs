using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Identity;

public sealed class PseudonymKeyException(string message) : PdWarehouseException(message);

/// <summary>
/// The secret that keys the person hash. It comes from the environment or a key file outside the
/// repository, never from configuration that could be committed; a missing or weak key stops the load
/// before anything is written, because hashes made with a guessable key are reversible by enumeration.
/// A key may be a chain (one key per line, oldest first): raw identifiers are gone after a load, so a rotation
/// can only re-key the stored hashes, and an identifier seen later must hash to what the stored one became:
/// HMAC(k2, HMAC(k1, id)), each step's output taken as its lower-case hex text.
/// </summary>
public sealed class PseudonymKey
{
    public const string EnvironmentVariable = "PDW_PSEUDONYM_KEY";
    public const string FileEnvironmentVariable = "PDW_PSEUDONYM_KEY_FILE";
    public const int MinimumBytes = 32;

    private readonly IReadOnlyList<byte[]> _keys;

    private PseudonymKey(IReadOnlyList<byte[]> keys, string source)
    {
        _keys = keys;
        Source = source;
    }

    /// <summary>How many keys the chain holds: 1 until the first rotation.</summary>
    public int ChainLength => _keys.Count;

    /// <summary>Where the key came from (never the key itself), for the load summary.</summary>
    public string Source { get; }

    /// <summary>A short, non-reversible fingerprint so operators can tell which key a warehouse was built with.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_keys.SelectMany(k => k).ToArray()))[..12];

    public static PseudonymKey Resolve(string? keyFile = null)
    {
        if (keyFile is not null) return FromFile(keyFile);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return FromText(fromEnv.Trim(), $"environment variable {EnvironmentVariable}");
        var file = Environment.GetEnvironmentVariable(FileEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(file)) return FromFile(file);
        throw new PseudonymKeyException(
            $"No pseudonymisation key: set {EnvironmentVariable} (at least {MinimumBytes} random bytes, base64 or hex) or {FileEnvironmentVariable}, or pass --key-file; make one with `pdw key new --out FILE`.");
    }

    public static PseudonymKey FromFile(string path)
    {
        if (!File.Exists(path)) throw new PseudonymKeyException($"Pseudonymisation key file '{path}' does not exist.");
        return FromText(File.ReadAllText(path).Trim(), $"key file {Path.GetFullPath(path)}");
    }

    /// <summary>One key, or a chain of keys separated by line breaks (or other white space), oldest first.</summary>
    public static PseudonymKey FromText(string text, string source)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new PseudonymKeyException($"The pseudonymisation key in {source} is empty.");
        var keys = new List<byte[]>();
        for (var i = 0; i < parts.Length; i++)
        {
            var which = parts.Length == 1 ? "" : $" (key {i + 1} of {parts.Length})";
            var bytes = Decode(parts[i]) ?? throw new PseudonymKeyException($"The pseudonymisation key in {source}{which} is neither hex nor base64.");
            if (bytes.Length < MinimumBytes)
                throw new PseudonymKeyException($"The pseudonymisation key in {source}{which} is too weak: {bytes.Length} bytes, at least {MinimumBytes} random bytes are required.");
            if (bytes.Distinct().Count() < 8)
                throw new PseudonymKeyException($"The pseudonymisation key in {source}{which} is too weak: it repeats a few byte values; use random bytes (`pdw key new`).");
            keys.Add(bytes);
        }
        return new PseudonymKey(keys, source);
    }

    /// <summary>A fresh random key in the text form <see cref="FromText"/> reads.</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>
    /// HMAC-SHA256 of a typed identifier through every key of the chain, lower-case hex: the only form an identifier
    /// takes in the warehouse. With one key this is HMAC(k1, id); after a rotation HMAC(k2, hex(HMAC(k1, id))).
    /// </summary>
    public string Hash(string typedIdentifier)
    {
        var macs = Macs();
        var text = typedIdentifier;
        foreach (var mac in macs) text = Step(mac, text);
        return text;
    }

    /// <summary>A stored hash carried one key further: what rotation writes over each hash in the warehouse.</summary>
    public string Extend(string storedHash) => Step(Macs()[^1], storedHash);

    // One keyed HMAC per key and thread, reused: the one-shot HMACSHA256.HashData sets the key up on every call, and
    // hashing three identifiers per staged row was most of the staging step's time. Thread-local because staging
    // hashes a chunk of rows on several threads; the instances hold only the key, which this object holds anyway.
    [ThreadStatic] private static Dictionary<PseudonymKey, IncrementalHash[]>? t_macs;

    private IncrementalHash[] Macs()
    {
        t_macs ??= new Dictionary<PseudonymKey, IncrementalHash[]>(ReferenceEqualityComparer.Instance);
        if (!t_macs.TryGetValue(this, out var macs))
            t_macs[this] = macs = _keys.Select(k => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, k)).ToArray();
        return macs;
    }

    private static string Step(IncrementalHash hmac, string text)
    {
        Span<byte> mac = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        hmac.AppendData(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac);
    }

    private static byte[]? Decode(string text)
    {
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit)) return Convert.FromHexString(text);
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }
}
