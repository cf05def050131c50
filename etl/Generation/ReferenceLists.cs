using Sylvan.Data.Csv;

namespace PdWarehouse.Etl.Generation;

public sealed record OfficeRow(string OfficeCode, string OfficeName, string OfficeType, string ComponentCode, string? ParentOfficeCode, string? StateCode, string? OfficeRegion);
public sealed record CountryRow(string CountryCode, string IsoAlpha3, string CountryName, string Region, bool IsWithdrawn);

/// <summary>dw.DimOffice and dw.DimCountry as shipped in warehouse/reference (embedded at build), Unknown members excluded.</summary>
public static class ReferenceLists
{
    public static IReadOnlyList<OfficeRow> Offices { get; } = Read("dw.DimOffice.csv", r => new OfficeRow(
        r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Null(r.GetString(5)), Null(r.GetString(6)), Null(r.GetString(7))))
        .Where(o => o.OfficeCode != "UNKNOWN").ToArray();

    // Declared before the lists that read it: static fields are initialised in the order they are written.
    private static readonly HashSet<string> UsTerritories = new(["AS", "GU", "MP", "PR", "VI"], StringComparer.Ordinal);

    public static IReadOnlyList<CountryRow> Countries { get; } = Read("dw.DimCountry.csv", r => new CountryRow(
        r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5) == "1"))
        .Where(c => c.CountryCode != "ZZ").ToArray();

    /// <summary>
    /// The nationalities synthetic persons are drawn from: current codes only. Withdrawn codes (the former Soviet Union,
    /// Serbia and Montenegro, ...) name no nationality a person of FY2012 onward is recorded with, and the people of US
    /// territories (American Samoa, Guam, the Northern Mariana Islands, Puerto Rico, the US Virgin Islands) are US
    /// citizens or nationals, never aliens. Both are in the list because real records and the Yearbook name them.
    /// </summary>
    public static IReadOnlyList<CountryRow> Nationalities { get; } =
        Countries.Where(c => !c.IsWithdrawn && !UsTerritories.Contains(c.CountryCode)).ToArray();


    static readonly Dictionary<string, CountryRow> CountryByCode = Countries.ToDictionary(c => c.CountryCode, StringComparer.Ordinal);

    /// <summary>OIS region of a country code; "Unknown" for codes the reference list does not hold.</summary>
    public static string RegionOf(string countryCode) => CountryByCode.TryGetValue(countryCode, out var c) ? c.Region : "Unknown";

    public static bool IsKnownCountry(string code) => CountryByCode.ContainsKey(code);

    static string? Null(string s) => s.Length == 0 ? null : s;

    static List<T> Read<T>(string name, Func<CsvDataReader, T> map)
    {
        using var stream = typeof(ReferenceLists).Assembly.GetManifestResourceStream("PdWarehouse.Reference." + name)
            ?? throw new InvalidOperationException($"reference list {name} is not embedded in the assembly");
        using var csv = CsvDataReader.Create(new StreamReader(stream));
        var rows = new List<T>();
        while (csv.Read()) rows.Add(map(csv));
        return rows;
    }
}
