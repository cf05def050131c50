using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Identity;

public sealed record KeyRotationResult(long HashesRekeyed, long PersonRowsUpdated, long IdentifierRowsUpdated, long WorkRowsCleared);

public sealed class KeyRotationFailedException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

/// <summary>
/// Re-keys every stored person hash with one more key: new hash = HMAC(new key, old hash's 16 bytes), truncated to 128 bits. Raw identifiers are gone
/// after a load, so this is the only way to rotate; persons keep linking because later loads hash identifiers through
/// the whole chain and arrive at the same value. One transaction: a failure leaves every hash as it was.
/// </summary>
public sealed class KeyRotation(WarehouseConnection warehouse, WarehouseModel model)
{
    /// <summary>Every hash that names a person or an identifier; the Unknown person (key 0) is reference data, not a hash.</summary>
    internal const string StoredHashes = """
        SELECT PersonHash AS StoredHash FROM dw.DimPerson WHERE PersonKey <> 0
        UNION SELECT IdentifierHash FROM etl.PersonIdentifier
        UNION SELECT PersonHash FROM etl.PersonIdentifier
        """;

    internal const string RekeyPersons = """
        UPDATE dw.DimPerson SET PersonHash = r.NewHash
        FROM etl.PersonRekey AS r
        WHERE DimPerson.PersonHash = r.OldHash AND DimPerson.PersonKey <> 0
        """;

    internal const string RekeyIdentifiers = """
        UPDATE etl.PersonIdentifier SET IdentifierHash = r.NewHash
        FROM etl.PersonRekey AS r
        WHERE PersonIdentifier.IdentifierHash = r.OldHash
        """;

    internal const string RekeyIdentifierPersons = """
        UPDATE etl.PersonIdentifier SET PersonHash = r.NewHash
        FROM etl.PersonRekey AS r
        WHERE PersonIdentifier.PersonHash = r.OldHash
        """;

    /// <summary>Rows still holding a hash from before the rotation: must be none before the transaction commits.</summary>
    internal const string OldHashesLeft = """
        SELECT COUNT(*) FROM etl.PersonRekey AS r
        WHERE EXISTS (SELECT 1 FROM dw.DimPerson AS p WHERE p.PersonHash = r.OldHash AND p.PersonKey <> 0)
           OR EXISTS (SELECT 1 FROM etl.PersonIdentifier AS i WHERE i.IdentifierHash = r.OldHash OR i.PersonHash = r.OldHash)
        """;

    /// <summary>
    /// Leftovers of a crashed batch hold hashes under the old chain; they are working data, so they go: every table a batch
    /// empties when it completes (the list the loader uses, so a new work table is cleared here too), and the rekey map.
    /// </summary>
    internal static readonly string[] WorkTables = [.. LoadSql.WorkTables, "etl.PersonRekey"];

    public static IEnumerable<(string Name, string Sql)> AllSql() =>
    [
        (nameof(StoredHashes), StoredHashes), (nameof(RekeyPersons), RekeyPersons), (nameof(RekeyIdentifiers), RekeyIdentifiers),
        (nameof(RekeyIdentifierPersons), RekeyIdentifierPersons), (nameof(OldHashesLeft), OldHashesLeft),
        .. WorkTables.Select(t => ($"clear {t}", $"DELETE FROM {t}")),
    ];

    /// <param name="newKey">The key being added; only its newest key is applied (<see cref="PseudonymKey.Extend"/>).</param>
    public KeyRotationResult Rotate(PseudonymKey newKey)
    {
        using var tx = warehouse.Connection.BeginTransaction();
        try
        {
            long cleared = 0;
            foreach (var table in WorkTables) cleared += warehouse.Execute($"DELETE FROM {table}", null, tx);
            var stored = warehouse.Query<object>(StoredHashes, null, tx).Select(h => PersonHashes.FromDb(((IDictionary<string, object>)h)["StoredHash"])).ToList();
            var rekey = model.Table("etl.PersonRekey");
            using (var writer = StagingWriter.Open(warehouse, tx, rekey, rekey.Columns.Select(c => c.Name).ToList()))
            {
                foreach (var old in stored) writer.Add([old, newKey.Extend(old)]);
                writer.Complete();
            }
            var persons = warehouse.Execute(RekeyPersons, null, tx);
            var identifiers = warehouse.Execute(RekeyIdentifiers, null, tx);
            identifiers = Math.Max(identifiers, warehouse.Execute(RekeyIdentifierPersons, null, tx));
            var left = warehouse.ExecuteScalar<long>(OldHashesLeft, null, tx);
            if (left != 0) throw new KeyRotationFailedException($"Key rotation rolled back: {left} hashes would have kept their old value.");
            warehouse.Execute("DELETE FROM etl.PersonRekey", null, tx);
            tx.Commit();
            return new KeyRotationResult(stored.Count, persons, identifiers, cleared);
        }
        catch (Exception ex) when (ex is not PdWarehouseException)
        {
            tx.Rollback();
            throw new KeyRotationFailedException($"Key rotation rolled back, nothing changed: {ex.Message.Split('\n')[0]}", ex);
        }
    }
}
