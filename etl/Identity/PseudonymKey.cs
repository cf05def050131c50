using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Identity;

public sealed class PseudonymKeyException(string message) : PdWarehouseException(message);

/// <summary>
/// The secret that keys the person hash. It comes from the environment or a key file outside the
/// repository, never from configuration that could be committed; a missing or weak key stops the load
/// before anything is written, because hashes made with a guessable key are reversible by enumeration.
/// </summary>
public sealed class PseudonymKey
{
    public const string EnvironmentVariable = "PDW_PSEUDONYM_KEY";
    public const string FileEnvironmentVariable = "PDW_PSEUDONYM_KEY_FILE";
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    private PseudonymKey(byte[] key, string source)
    {
        _key = key;
        Source = source;
    }

    /// <summary>Where the key came from (never the key itself), for the load summary.</summary>
    public string Source { get; }

    /// <summary>A short, non-reversible fingerprint so operators can tell which key a warehouse was built with.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_key))[..12];

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

    public static PseudonymKey FromText(string text, string source)
    {
        var bytes = Decode(text) ?? throw new PseudonymKeyException($"The pseudonymisation key in {source} is neither hex nor base64.");
        if (bytes.Length < MinimumBytes)
            throw new PseudonymKeyException($"The pseudonymisation key in {source} is too weak: {bytes.Length} bytes, at least {MinimumBytes} random bytes are required.");
        if (bytes.Distinct().Count() < 8)
            throw new PseudonymKeyException($"The pseudonymisation key in {source} is too weak: it repeats a few byte values; use random bytes (`pdw key new`).");
        return new PseudonymKey(bytes, source);
    }

    /// <summary>A fresh random key in the text form <see cref="FromText"/> reads.</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>HMAC-SHA256 of a typed identifier, lower-case hex: the only form an identifier takes in the warehouse.</summary>
    public string Hash(string typedIdentifier)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(typedIdentifier), mac);
        return Convert.ToHexStringLower(mac);
    }

    private static byte[]? Decode(string text)
    {
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit)) return Convert.FromHexString(text);
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }
}
