using System.Buffers.Binary;
using System.Numerics;

namespace PdWarehouse.Etl.Identity;

/// <summary>
/// The stored form of a keyed hash: 128 bits, BINARY(16) in the model, UHUGEINT on DuckDB (DuckDbSchema), held in
/// memory as a <see cref="UInt128"/> read big-endian from the bytes, so the number's order is the bytes' order.
/// </summary>
public static class PersonHashes
{
    /// <summary>The BINARY(16) form SQL Server stores.</summary>
    public static byte[] ToBytes(UInt128 hash)
    {
        var bytes = new byte[PseudonymKey.HashBytes];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        return bytes;
    }

    /// <summary>A hash as an engine returns it: a number from DuckDB, bytes from SQL Server.</summary>
    public static UInt128 FromDb(object value) => value switch
    {
        UInt128 u => u,
        BigInteger b => (UInt128)b,
        byte[] { Length: PseudonymKey.HashBytes } bytes => BinaryPrimitives.ReadUInt128BigEndian(bytes),
        _ => throw new InvalidOperationException($"A stored hash came back as {value.GetType()}, not a 128-bit value."),
    };
}
