namespace PdWarehouse.Warehouse;

/// <summary>
/// The person fields of the feeds that identify someone, alone or together (docs/feeds.md, identity rules): the inputs of
/// the keyed hashes. The one list the load, the upgrade scrub, the docs and the identifier scan tests ask: the loader hashes
/// these in memory and stages them as null, and etl.Reject withholds their values.
/// </summary>
public static class PersonFields
{
    public const string ANumber = "ANumber";
    public const string Fin = "Fin";
    public const string FamilyName = "FamilyName";
    public const string GivenName = "GivenName";
    public const string BirthDate = "BirthDate";

    public static IReadOnlyList<string> Identifying { get; } = [ANumber, Fin, FamilyName, GivenName, BirthDate];

    public static bool IsIdentifying(string? field) => field is not null && Identifying.Contains(field, StringComparer.Ordinal);
}
