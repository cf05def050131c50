using Sylvan.Data.Csv;

namespace PdWarehouse.Etl.Generation;

public sealed record OfficeRow(string OfficeCode, string OfficeName, string OfficeType, string ComponentCode, string? ParentOfficeCode, string? StateCode, string? OfficeRegion);
public sealed record CountryRow(string CountryCode, string IsoAlpha3, string CountryName, string Region);

/// <summary>dw.DimOffice and dw.DimCountry as shipped in warehouse/reference (embedded at build), Unknown members excluded.</summary>
public static class ReferenceLists
{
    public static IReadOnlyList<OfficeRow> Offices { get; } = Read("dw.DimOffice.csv", r => new OfficeRow(
        r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Null(r.GetString(5)), Null(r.GetString(6)), Null(r.GetString(7))))
        .Where(o => o.OfficeCode != "UNKNOWN").ToArray();

    public static IReadOnlyList<CountryRow> Countries { get; } = Read("dw.DimCountry.csv", r => new CountryRow(
        r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)))
        .Where(c => c.CountryCode != "ZZ").ToArray();

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
