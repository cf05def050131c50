using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Rotation re-keys stored hashes (raw identifiers are gone), so the proof is behavioural: persons loaded under key A,
/// rotated to the chain A+B, must link with records of the same persons loaded later under the chain.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class KeyRotationTests(LoadingFixture fixture)
{
    private string NewFolder() => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private const string AllHashes = """
        SELECT PersonHash FROM dw.DimPerson WHERE PersonKey <> 0
        UNION SELECT IdentifierHash FROM etl.PersonIdentifier UNION SELECT PersonHash FROM etl.PersonIdentifier
        """;

    private static HashSet<UInt128> Hashes(string db)
    {
        using var w = WarehouseConnection.OpenDuckDb(db);
        return w.Query<dynamic>(AllHashes).Select(r => PersonHashes.FromDb(((IDictionary<string, object>)r)["PersonHash"])).ToHashSet();
    }

    private void LoadWith(string db, PseudonymKey key, string delivery)
    {
        using var w = WarehouseConnection.OpenDuckDb(db);
        var result = new BatchLoader(w, fixture.Model, key, fixture.Tests, new LoadOptions(), NoProgress.Instance, TimeProvider.System).Load(delivery);
        Assert.Equal(0, result.RowsRejected);
    }

    [Fact]
    public void A_chain_hashes_through_each_key_in_turn_as_the_first_128_bits_of_each_hmac()
    {
        // Issue 20 changed the stored form from 64 hex characters to 128 bits: each later key hashes the earlier 16 bytes.
        var a = PseudonymKey.NewKeyText();
        var b = PseudonymKey.NewKeyText();
        var chain = PseudonymKey.FromText($"{a}\n{b}\n", "test");
        var first = PseudonymKey.FromText(a, "test").Hash("A:012345678");
        Assert.Equal(PseudonymKey.FromText(b, "test").Hash(PersonHashes.ToBytes(first)), chain.Hash("A:012345678"));
        Assert.Equal(PseudonymKey.FromText(b, "test").Extend(first), chain.Hash("A:012345678"));
        Assert.Equal(2, chain.ChainLength);
        var full = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(a), "A:012345678"u8);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(full), first);
    }

    [Fact]
    public void A_weak_key_anywhere_in_the_chain_is_refused_naming_its_position()
    {
        var ex = Assert.Throws<PseudonymKeyException>(() => PseudonymKey.FromText($"{PseudonymKey.NewKeyText()}\nAAAA", "key file k"));
        Assert.Contains("key 2 of 2", ex.Message);
    }

    [Fact]
    public void Persons_loaded_before_a_rotation_link_with_records_loaded_after_it_and_no_old_hash_remains()
    {
        var db = fixture.NewWarehouse();
        var keyFile = Path.Combine(NewFolder(), "key-a");
        File.WriteAllText(keyFile, fixture.KeyText + "\n");
        fixture.Load(db, Write(NewFolder(), "ice-removals-returns",
        [
            Removal("R1", "2014-01-05", aNumber: "A012345678", family: "Hernández", given: "José"),
            Removal("R2", "2014-01-06", fin: "1234567890", family: "Smith", given: "Ann", country: "GT"),
            Removal("R3", "2014-01-07", family: "Okafor", given: "Chidi", birth: "1990-05-06", country: "NG"),
        ]));
        var before = Hashes(db);
        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0"));

        var chainFile = Path.Combine(NewFolder(), "key-chain");
        var rotate = Cli.Pdw(new Dictionary<string, string?>(), "key", "rotate", "--db", db, "--key-file", keyFile, "--out", chainFile);
        Assert.True(rotate.ExitCode == 0, rotate.Err + rotate.Out);
        Assert.Contains("in one transaction", rotate.Out);
        var lines = File.ReadAllLines(chainFile).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(fixture.KeyText, lines[0]);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(chainFile));

        var after = Hashes(db);
        Assert.Equal(before.Count, after.Count);
        Assert.Empty(after.Intersect(before));

        // The same three persons, each by the identifier they were first seen with, under the chain.
        var chain = PseudonymKey.FromFile(chainFile);
        LoadWith(db, chain, Write(NewFolder(), "ice-ero-discretion-decisions",
        [
            EroDecision("D1", "2014-03-05", aNumber: "12345678", family: "Other", given: "Name"),
            EroDecision("D2", "2014-03-06", fin: "1234567890", family: "Smith", given: "Ann", country: "GT"),
            EroDecision("D3", "2014-03-07", family: "OKAFOR", given: "chidi", birth: "1990-05-06", country: "NG"),
        ]));

        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(3, WarehouseSnapshot.Count(db, """
            SELECT COUNT(*) FROM dw.FactDiscretionDecision d JOIN dw.DimPerson pd ON pd.PersonKey = d.PersonKey
            WHERE EXISTS (SELECT 1 FROM dw.FactEnforcementAction e JOIN dw.DimPerson pe ON pe.PersonKey = e.PersonKey WHERE pe.PersonHash = pd.PersonHash)
            """));
        Assert.Empty(Hashes(db).Intersect(before));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.PersonRekey"));
    }

    [Fact]
    public void Rotation_refuses_to_overwrite_an_existing_key_file_and_changes_nothing()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(NewFolder(), "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A7")]));
        var before = Hashes(db);
        var folder = NewFolder();
        var keyFile = Path.Combine(folder, "key-a");
        File.WriteAllText(keyFile, fixture.KeyText);
        var existing = Path.Combine(folder, "taken");
        File.WriteAllText(existing, "keep me");

        var rotate = Cli.Pdw(new Dictionary<string, string?>(), "key", "rotate", "--db", db, "--key-file", keyFile, "--out", existing);

        Assert.Equal(1, rotate.ExitCode);
        Assert.StartsWith("pdw: ", rotate.Err);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(before, Hashes(db));
    }
}
