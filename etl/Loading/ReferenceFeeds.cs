using System.Data.Common;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// The reference-list feeds: countries update DimCountry in place (type 1: a country's name or region is
/// corrected, not versioned; a code a fact delivery kept as not listed becomes listed, its key and facts unchanged);
/// offices version DimOffice (type 2) from the row's effective date; published figures replace dw.PublishedFigure's row
/// of the same table, year and measure, each row keeping the batch that last set it.
/// </summary>
internal static class ReferenceFeeds
{
    public static bool Handles(string feed) => feed is "reference-countries" or "reference-offices" or Feeds.FeedCatalog.PublishedSeries;

    // A figure re-sent unchanged is left alone (and keeps the batch that set it), so reloading a delivery changes nothing.
    private const string CorrectPublishedFigures = """
        UPDATE dw.PublishedFigure SET Value = s.Value, Publisher = s.Publisher, Publication = s.Publication, Edition = s.Edition, SourceTable = s.SourceTable,
            SourceNote = s.SourceNote, LineageKey = @LineageKey
        FROM stg.PublishedFigure AS s
        WHERE s.LineageKey = @LineageKey AND PublishedFigure.TableNumber = s.TableNumber AND PublishedFigure.FiscalYear = s.FiscalYear
          AND PublishedFigure.Measure = s.Measure
          AND (PublishedFigure.Value <> s.Value OR PublishedFigure.Publisher <> s.Publisher OR PublishedFigure.Publication <> s.Publication OR PublishedFigure.Edition <> s.Edition
            OR PublishedFigure.SourceTable <> s.SourceTable OR PublishedFigure.SourceNote IS DISTINCT FROM s.SourceNote)
        """;

    private const string InsertPublishedFigures = """
        INSERT INTO dw.PublishedFigure (TableNumber, FiscalYear, Measure, Value, Publisher, Publication, Edition, SourceTable, SourceNote, LineageKey)
        SELECT s.TableNumber, s.FiscalYear, s.Measure, s.Value, s.Publisher, s.Publication, s.Edition, s.SourceTable, s.SourceNote, @LineageKey
        FROM stg.PublishedFigure AS s
        WHERE s.LineageKey = @LineageKey AND NOT EXISTS (
            SELECT 1 FROM dw.PublishedFigure AS p WHERE p.TableNumber = s.TableNumber AND p.FiscalYear = s.FiscalYear AND p.Measure = s.Measure)
        """;

    private const string UpdateCountries = """
        UPDATE dw.DimCountry SET IsoAlpha3 = s.IsoAlpha3, CountryName = s.CountryName, Region = s.Region, IsInReferenceList = 1, LineageKey = @LineageKey
        FROM stg.ReferenceCountry AS s
        WHERE s.LineageKey = @LineageKey AND DimCountry.CountryCode = s.CountryCode
          AND (DimCountry.IsoAlpha3 <> s.IsoAlpha3 OR DimCountry.CountryName <> s.CountryName OR DimCountry.Region <> s.Region
            OR DimCountry.IsInReferenceList = 0)
        """;

    /// <summary>
    /// A country a delivery adds takes a key from <see cref="UnlistedCountries.FirstLoadedKey"/> up: keys below it belong to
    /// the shipped list, which <c>pdw warehouse init</c> repairs by key, so a later release's new country never lands on a
    /// row a load wrote.
    /// </summary>
    private const string InsertCountries = """
        INSERT INTO dw.DimCountry (CountryKey, CountryCode, IsoAlpha3, CountryName, Region, IsWithdrawn, IsInReferenceList, LineageKey)
        SELECT (SELECT COALESCE(MAX(CountryKey), 999) FROM dw.DimCountry WHERE CountryKey >= 1000) + ROW_NUMBER() OVER (ORDER BY s.CountryCode),
               s.CountryCode, s.IsoAlpha3, s.CountryName, s.Region, 0, 1, @LineageKey
        FROM stg.ReferenceCountry AS s
        WHERE s.LineageKey = @LineageKey AND NOT EXISTS (SELECT 1 FROM dw.DimCountry AS c WHERE c.CountryCode = s.CountryCode)
        """;

    /// <summary>An office seen for the first time: valid for all time, so facts of any date find it.</summary>
    private const string InsertOffices = """
        INSERT INTO dw.DimOffice (OfficeKey, OfficeCode, OfficeName, OfficeType, ComponentCode, ParentOfficeCode, StateCode, OfficeRegion, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT (SELECT COALESCE(MAX(OfficeKey), 0) FROM dw.DimOffice) + ROW_NUMBER() OVER (ORDER BY s.OfficeCode),
               s.OfficeCode, s.OfficeName, s.OfficeType, s.ComponentCode, s.ParentOfficeCode, s.StateCode, COALESCE(s.OfficeRegion, 'Unknown'),
               @SeedValidFrom, @OpenValidTo, 1, @LineageKey
        FROM stg.ReferenceOffice AS s
        WHERE s.LineageKey = @LineageKey AND NOT EXISTS (SELECT 1 FROM dw.DimOffice AS o WHERE o.OfficeCode = s.OfficeCode)
        """;

    private const string ChangedOffices = """
        (
            SELECT o.OfficeKey, s.OfficeCode, s.OfficeName, s.OfficeType, s.ComponentCode, s.ParentOfficeCode, s.StateCode,
                   COALESCE(s.OfficeRegion, 'Unknown') AS OfficeRegion, s.EffectiveDate
            FROM stg.ReferenceOffice AS s
            JOIN dw.DimOffice AS o ON o.OfficeCode = s.OfficeCode AND o.IsCurrent = 1
            WHERE s.LineageKey = @LineageKey AND s.EffectiveDate > o.ValidFrom
              AND (o.OfficeName <> s.OfficeName OR o.OfficeType <> s.OfficeType OR o.ComponentCode <> s.ComponentCode
                OR o.ParentOfficeCode IS DISTINCT FROM s.ParentOfficeCode OR o.StateCode IS DISTINCT FROM s.StateCode
                OR o.OfficeRegion <> COALESCE(s.OfficeRegion, 'Unknown'))
        )
        """;

    private const string OpenOfficeVersions = $"""
        INSERT INTO dw.DimOffice (OfficeKey, OfficeCode, OfficeName, OfficeType, ComponentCode, ParentOfficeCode, StateCode, OfficeRegion, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT (SELECT COALESCE(MAX(OfficeKey), 0) FROM dw.DimOffice) + ROW_NUMBER() OVER (ORDER BY c.OfficeCode),
               c.OfficeCode, c.OfficeName, c.OfficeType, c.ComponentCode, c.ParentOfficeCode, c.StateCode, c.OfficeRegion,
               c.EffectiveDate, @OpenValidTo, 1, @LineageKey
        FROM {ChangedOffices} AS c
        """;

    private const string CloseOfficeVersions = """
        UPDATE dw.DimOffice SET IsCurrent = 0, LineageKey = @LineageKey,
            ValidTo = (SELECT MIN(n.ValidFrom) FROM dw.DimOffice AS n WHERE n.OfficeCode = DimOffice.OfficeCode AND n.IsCurrent = 1 AND n.LineageKey = @LineageKey AND n.ValidFrom > DimOffice.ValidFrom)
        WHERE IsCurrent = 1 AND EXISTS (
            SELECT 1 FROM dw.DimOffice AS n
            WHERE n.OfficeCode = DimOffice.OfficeCode AND n.IsCurrent = 1 AND n.LineageKey = @LineageKey AND n.ValidFrom > DimOffice.ValidFrom)
        """;

    public static IEnumerable<(string Name, string Sql)> AllSql =>
    [
        (nameof(UpdateCountries), UpdateCountries), (nameof(InsertCountries), InsertCountries),
        (nameof(CorrectPublishedFigures), CorrectPublishedFigures), (nameof(InsertPublishedFigures), InsertPublishedFigures),
        (nameof(InsertOffices), InsertOffices), (nameof(OpenOfficeVersions), OpenOfficeVersions), (nameof(CloseOfficeVersions), CloseOfficeVersions),
    ];

    public static (long Inserted, long Updated) Load(WarehouseConnection warehouse, string feed, int lineageKey, DbTransaction tx)
    {
        var p = new { LineageKey = lineageKey, SeedValidFrom = ReferenceData.SeedValidFrom, OpenValidTo = ReferenceData.OpenValidTo };
        if (feed == "reference-countries")
        {
            var updated = warehouse.Execute(UpdateCountries, p, tx);
            return (warehouse.Execute(InsertCountries, p, tx), updated);
        }
        if (feed == Feeds.FeedCatalog.PublishedSeries)
        {
            var corrected = warehouse.Execute(CorrectPublishedFigures, p, tx);
            return (warehouse.Execute(InsertPublishedFigures, p, tx), corrected);
        }
        var inserted = warehouse.Execute(InsertOffices, p, tx);
        var versions = warehouse.Execute(OpenOfficeVersions, p, tx);
        warehouse.Execute(CloseOfficeVersions, p, tx);
        return (inserted + versions, versions);
    }
}
