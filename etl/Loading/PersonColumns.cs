using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Where a feed keeps its person fields, and how a row of it becomes an etl.StagedPerson row: the raw
/// identifiers are normalised and hashed here, in the loader's memory, so only keyed hashes reach a table
/// that outlives the row's staging.
/// </summary>
internal sealed class PersonColumns
{
    private int _aNumber, _fin, _family, _given, _birth, _sex, _country, _status, _threat, _eventDate;

    public static PersonColumns? For(FeedDefinition feed)
    {
        if (feed.IndexOf(PersonFields.ANumber) < 0) return null;
        var eventColumn = FeedLoadPlans.For(feed.Name)?.EventDateSql.Replace("s.", "", StringComparison.Ordinal) ?? feed.EventDateColumn;
        return new PersonColumns
        {
            _aNumber = feed.IndexOf(PersonFields.ANumber), _fin = feed.IndexOf(PersonFields.Fin), _family = feed.IndexOf(PersonFields.FamilyName),
            _given = feed.IndexOf(PersonFields.GivenName), _birth = feed.IndexOf(PersonFields.BirthDate), _sex = feed.IndexOf("Sex"),
            _country = feed.IndexOf("CitizenshipCountryCode"), _status = feed.IndexOf("CriminalStatus"),
            _threat = feed.IndexOf("ThreatLevel"), _eventDate = eventColumn is null ? -1 : feed.IndexOf(eventColumn),
        };
    }

    /// <summary>The etl.StagedPerson row, in the table's column order.</summary>
    public object?[] Stage(FeedRow row, int lineageKey, PseudonymKey key)
    {
        var v = row.Values!;
        // The one implementation of the identity rules, shared with the generator's ground truth; each typed identifier
        // is built as bytes on the stack and hashed there.
        var birth = _birth < 0 ? null : (DateOnly?)v[_birth];
        var country = Text(v, _country);
        var threat = _threat < 0 ? null : (int?)v[_threat];
        Span<byte> typed = stackalloc byte[512];
        var aNumber = Text(v, _aNumber) is { } a ? IdentityKeys.WriteANumberKey(a, typed) : 0;
        object? aNumberHash = aNumber > 0 ? key.Hash(typed[..aNumber]) : null;
        var finText = Text(v, _fin);
        var fin = finText is null ? 0 : IdentityKeys.WriteFinKey(finText, typed);
        object? finHash = fin > 0 ? key.Hash(typed[..fin]) : fin < 0 ? key.Hash("F:" + IdentityKeys.CanonicalFin(finText)) : null;
        object? nameKeyHash = null;
        if (Text(v, _family) is { } family && Text(v, _given) is { } given && birth is not null && country is not null)
        {
            var name = IdentityKeys.WriteNameKey(family, given, birth.Value, country, typed);
            nameKeyHash = name >= 0 ? key.Hash(typed[..name]) : key.Hash("N:" + IdentityKeys.NameKey(family, given, birth, country));
        }
        return
        [
            lineageKey, row.LineNumber, _eventDate < 0 ? null : v[_eventDate],
            aNumberHash, finHash, nameKeyHash,
            Text(v, _sex), birth is null ? null : checked((short)birth.Value.Year), UnlistedCountries.IsCodeShaped(country) ? country : null,
            Text(v, _status), threat is null ? null : checked((byte)threat.Value),   // the reader keeps it in the catalog's range
            null, null,   // PersonHash and PersonSeed: identity resolution sets them
        ];
    }

    private static string? Text(object?[] values, int index) => index < 0 ? null : values[index] as string;
}
