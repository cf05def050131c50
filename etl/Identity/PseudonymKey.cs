using System.Buffers.Binary;
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
/// T(HMAC(k2, T(HMAC(k1, id)))), where T keeps the first 128 bits: each step hashes the previous step's 16 stored bytes.
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
        _macs = new ThreadLocal<IncrementalHash[]>(() => keys.Select(k => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, k)).ToArray());
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

    /// <summary>Bytes of a stored hash: HMAC-SHA256 truncated to its first 128 bits (docs/loading.md gives the collision bound).</summary>
    public const int HashBytes = 16;

    /// <summary>
    /// The keyed hash of a typed identifier (its UTF-8 bytes) through every key of the chain, as the 128-bit value the
    /// warehouse stores (big-endian, so the number's order is the bytes' order on both engines). No allocation: the
    /// identifier arrives as bytes, each step's digest stays on the stack, and a later key hashes the earlier 16 bytes.
    /// </summary>
    public UInt128 Hash(ReadOnlySpan<byte> typedIdentifier)
    {
        var macs = Macs();
        Span<byte> digest = stackalloc byte[32];
        macs[0].AppendData(typedIdentifier);
        macs[0].GetHashAndReset(digest);
        for (var i = 1; i < macs.Length; i++)
        {
            macs[i].AppendData(digest[..HashBytes]);
            macs[i].GetHashAndReset(digest);
        }
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>The same for an identifier given as text (tests, tools); the load hashes bytes it built itself.</summary>
    public UInt128 Hash(string typedIdentifier)
    {
        var length = Encoding.UTF8.GetMaxByteCount(typedIdentifier.Length);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        return Hash(buffer[..Encoding.UTF8.GetBytes(typedIdentifier, buffer)]);
    }

    /// <summary>A stored hash carried one key further: what rotation writes over each hash in the warehouse.</summary>
    public UInt128 Extend(UInt128 storedHash)
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, storedHash);
        var mac = Macs()[^1];
        mac.AppendData(bytes[..HashBytes]);
        mac.GetHashAndReset(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    // One keyed HMAC per key and thread, reused: the one-shot HMACSHA256.HashData sets the key up on every call, and
    // hashing three identifiers per staged row was most of the staging step's time. Per thread because staging hashes
    // a chunk of rows on several threads; the instances live and die with this object and hold only its keys.
    private readonly ThreadLocal<IncrementalHash[]> _macs;

    private IncrementalHash[] Macs() => _macs.Value!;

    private static byte[]? Decode(string text)
    {
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit)) return Convert.FromHexString(text);
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }
}
