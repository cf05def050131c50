using System.Data.Common;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// A well-formed country code (two letters A–Z) that no reference list holds keeps its code: before the batch conforms,
/// each such code becomes a dw.DimCountry member flagged IsInReferenceList = 0 (name = the code, region Unknown, alpha-3
/// ZZZ, the batch's lineage), so its facts and persons name the nationality the component recorded instead of Unknown, and
/// the Yearbook and the data-quality appendix can list it. A code of any other shape (Q1, a lower-case code, one letter)
/// is not a nationality anyone could later list: it still conforms to Unknown with its finding, as before.
/// The member is added inside the batch's transaction, so a batch that rolls back takes it with it; a later batch with
/// the same code finds the member and adds nothing (idempotent across reloads and re-sends).
/// </summary>
internal static class UnlistedCountries
{
    public const string Finding = "country code not in the reference list";

    /// <summary>The batch's codes that are not a listed member, with their rows: new codes and codes already kept unlisted.</summary>
    public static string UnlistedCodesSql(FactLoadPlan plan) => $"""
        SELECT s.CitizenshipCountryCode AS CountryCode, COUNT(*) AS RowsWithCode
        FROM {plan.StagingTable} AS s
        WHERE s.LineageKey = @LineageKey AND s.CitizenshipCountryCode IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM dw.DimCountry AS c WHERE c.CountryCode = s.CitizenshipCountryCode AND c.IsInReferenceList = 1)
        GROUP BY s.CitizenshipCountryCode
        """;

    /// <summary>
    /// The first key a load gives a country. The shipped list (warehouse/reference/dw.DimCountry.csv) keeps the keys below
    /// it, and <c>pdw warehouse init</c> repairs that list by key: were loaded members numbered on from the list's last
    /// key, a country a later release adds would overwrite the row of a code a delivery brought.
    /// </summary>
    public const int FirstLoadedKey = 1000;

    public const string InsertMember = """
        INSERT INTO dw.DimCountry (CountryKey, CountryCode, IsoAlpha3, CountryName, Region, IsWithdrawn, IsInReferenceList, LineageKey)
        SELECT (SELECT COALESCE(MAX(CountryKey), 999) FROM dw.DimCountry WHERE CountryKey >= 1000) + 1, @CountryCode, 'ZZZ', @CountryCode, 'Unknown', 0, 0, @LineageKey
        WHERE NOT EXISTS (SELECT 1 FROM dw.DimCountry AS c WHERE c.CountryCode = @CountryCode)
        """;

    /// <summary>Two capital letters A–Z: the shape of an ISO 3166-1 alpha-2 code, assigned or not.</summary>
    public static bool IsCodeShaped(string? code) => code is { Length: 2 } && code[0] is >= 'A' and <= 'Z' && code[1] is >= 'A' and <= 'Z';

    private sealed class CodeRows
    {
        public string CountryCode { get; set; } = "";
        public long RowsWithCode { get; set; }
    }

    /// <summary>Adds the members the batch needs; returns the batch's rows per well-formed code that is not listed.</summary>
    public static IReadOnlyList<(string Code, long Rows)> Add(WarehouseConnection warehouse, FactLoadPlan plan, int lineageKey, DbTransaction tx)
    {
        // CHAR(2) pads: a one-letter code comes back with a trailing space and is not code-shaped.
        var codes = warehouse.Query<CodeRows>(UnlistedCodesSql(plan), new { LineageKey = lineageKey }, tx)
            .Select(r => (Code: r.CountryCode, Rows: r.RowsWithCode))
            .Where(r => IsCodeShaped(r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        foreach (var (code, _) in codes)
            warehouse.Execute(InsertMember, new { CountryCode = code, LineageKey = lineageKey }, tx);
        return codes;
    }

    public static IEnumerable<(string Name, string Sql)> AllSql() =>
        FeedLoadPlans.All.Select(p => ($"{p.Feed} unlisted country codes", UnlistedCodesSql(p))).Append((nameof(InsertMember), InsertMember));
}
