namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// Every feed of delivery format 1.0. Column names and order are the staging table's (minus LineageKey and
/// SourceRowNumber), so a file's header is also the staging insert list. docs/feeds.md is written from this catalog.
/// </summary>
public static class FeedCatalog
{
    public const string FormatVersion = "1.0";

    // Closed code lists the reader enforces. They mirror warehouse/reference (a test keeps them equal) so that a row
    // the reader accepts always conforms to a real dimension member.
    public static readonly IReadOnlyList<string> ActionCodes =
        ["REL", "NTA-NOT-ISSUED", "NTA-CANCEL", "DISMISS", "ADMIN-CLOSE", "TERMINATE", "DEFERRED", "STAY"];
    public static readonly IReadOnlyList<string> BasisCodes =
        ["NOT-PRIORITY", "DACA-ELIGIBLE", "HUMANITARIAN", "VICTIM-WITNESS", "NO-TRAVEL-DOCS", "ADJ-APPROVABLE", "MILITARY", "FAMILY-TIES", "OTHER", "NOT-RECORDED"];
    public static readonly IReadOnlyList<string> PolicyCodes =
    [
        "ICE-2005-10-06-ADJ", "ICE-2005-10-24-PD", "ICE-2007-11-07-NM", "ICE-2011-03-02-PRI", "ICE-2011-06-17-PD", "ICE-2011-06-17-VWP",
        "ICE-2011-10-24-SL", "DHS-2012-06-15-DACA", "DHS-2014-11-20-PRI", "DHS-2014-11-20-DAPA",
    ];
    public static readonly IReadOnlyList<string> PriorityCodes =
    [
        "2011-1", "2011-2", "2011-3", "2011-NP", "2014-1A", "2014-1B", "2014-1C", "2014-1D", "2014-1E", "2014-2A", "2014-2B", "2014-2C", "2014-2D", "2014-3", "2014-NP",
    ];
    public static readonly IReadOnlyList<string> StageCodes =
        ["ENCOUNTER", "ARREST", "DETENTION", "CHARGING", "PROCEEDINGS", "FINAL-ORDER", "POST-ORDER"];
    public static readonly IReadOnlyList<string> ProcessingDispositions = ["PD", "NTA/PD", "REL/PD"];
    public static readonly IReadOnlyList<string> CriminalStatuses = ["CRIMINAL", "NON-CRIMINAL", "UNKNOWN"];
    public static readonly IReadOnlyList<string> ThreatLevels = ["1", "2", "3"];
    public static readonly IReadOnlyList<string> SexCodes = ["M", "F", "U"];
    public static readonly IReadOnlyList<string> IcePrograms = ["ICE-ERO", "ICE-HSI"];
    public static readonly IReadOnlyList<string> ArrestMethods =
        ["CAP-LOCAL", "CAP-STATE", "CAP-FEDERAL", "287G", "LOCATED", "NON-CUSTODIAL", "PROBATION-PAROLE", "WORKSITE", "PATROL", "OTHER"];
    public static readonly IReadOnlyList<string> OfoDispositions = ["ER", "WD", "NTA", "PAROLE", "VWP", "OTHER"];
    /// <summary>Removal types first, then return types; each maps to dw.DimEnforcementActionType.DispositionCode.</summary>
    public static readonly IReadOnlyList<string> DepartureTypes = ["ER", "REINST", "ADMDPT", "JUDICIAL", "VWP", "VR", "WD"];
    public static readonly IReadOnlyList<string> RemovalDepartureTypes = ["ER", "REINST", "ADMDPT", "JUDICIAL", "VWP"];
    public static readonly IReadOnlyList<string> DacaRequestTypes = ["INITIAL", "RENEWAL"];
    public static readonly IReadOnlyList<string> DacaStatuses = ["PENDING", "APPROVED", "DENIED"];
    public static readonly IReadOnlyList<string> ReferralSources = ["CBP", "ICE", "SELF"];
    public static readonly IReadOnlyList<string> ComponentCodes = ["ICE-ERO", "ICE-HSI", "ICE-OPLA", "CBP-USBP", "CBP-OFO", "USCIS"];
    public static readonly IReadOnlyList<string> Regions = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America", "Unknown"];

    /// <summary>Reference lists come from OIS itself, not from a component; DimComponent has no member for it.</summary>
    public const string ReferenceComponent = "DHS-OIS";

    static FeedColumn Text(string name, int max, bool required = false, IReadOnlyList<string>? codes = null) => new(name, FeedType.Text, required, max, codes);
    static FeedColumn Date(string name, bool required = false) => new(name, FeedType.Date, required, 10, null) { ConformsToCalendar = true };
    /// <summary>An integer column: plain decimal digits (a '-' only where the range allows negatives), between
    /// <paramref name="min"/> and <paramref name="max"/>, and one of <paramref name="codes"/> when it is a code.</summary>
    static FeedColumn Int(string name, long min, long max, bool required = false, IReadOnlyList<string>? codes = null) =>
        new(name, FeedType.Integer, required, 11, codes) { Minimum = min, Maximum = max };

    /// <summary>Person identifiers as the component holds them; none is required on its own (see docs/feeds.md, identity rules).</summary>
    static IEnumerable<FeedColumn> Person() =>
    [
        Text("ANumber", 20),
        Text("Fin", 20),
        Text("FamilyName", 100),
        Text("GivenName", 100),
        Date("BirthDate") with { ConformsToCalendar = false },
        Text("Sex", 1, codes: SexCodes),
        Text("CitizenshipCountryCode", 2),
    ];

    public static IReadOnlyList<FeedDefinition> All { get; } =
    [
        new("ice-ero-discretion-decisions", "stg.EroDiscretionDecision", "ICE-ERO",
        [
            Text("RecordId", 50, true), Text("AreaOfResponsibility", 4, true), Date("DecisionDate", true),
            Text("ProcessingDisposition", 12, true, ProcessingDispositions), Text("ActionCode", 20, true, ActionCodes),
            Text("BasisCode", 20, true, BasisCodes), Text("PolicyCode", 30, codes: PolicyCodes), Text("PriorityCode", 12, codes: PriorityCodes),
            Text("StageCode", 20, true, StageCodes), .. Person(), Int("ThreatLevel", 1, 3, codes: ThreatLevels),
        ], "RecordId", "DecisionDate") { SourceSystem = "EID/EARM", Grain = "one prosecutorial discretion decision recorded by ERO" },

        new("ice-opla-case-dispositions", "stg.OplaCaseDisposition", "ICE-OPLA",
        [
            Text("RecordId", 50, true), Text("ChiefCounselOffice", 20, true), Date("DispositionDate", true),
            Text("ActionCode", 20, true, ActionCodes), Text("BasisCode", 20, true, BasisCodes), Text("PolicyCode", 30, codes: PolicyCodes),
            Text("PriorityCode", 12, codes: PriorityCodes), Text("StageCode", 20, true, StageCodes), .. Person(),
        ], "RecordId", "DispositionDate") { SourceSystem = "PLAnet", Grain = "one discretionary disposition of a removal case by an OPLA chief counsel office" },

        new("ice-arrests", "stg.IceArrest", "ICE-ERO",
        [
            Text("RecordId", 50, true), Text("Program", 10, true, IcePrograms), Text("AreaOfResponsibility", 4, true), Date("ArrestDate", true),
            Text("ArrestMethod", 30, codes: ArrestMethods), Text("CriminalStatus", 12, true, CriminalStatuses), Int("ThreatLevel", 1, 3, codes: ThreatLevels),
            Text("PriorityCode", 12, codes: PriorityCodes), .. Person(),
        ], "RecordId", "ArrestDate") { SourceSystem = "EID/EARM", Grain = "one ICE administrative arrest (ERO or HSI)" },

        new("cbp-usbp-apprehensions", "stg.UsbpApprehension", "CBP-USBP",
        [
            Text("RecordId", 50, true), Text("SectorCode", 20, true), Text("StationCode", 20), Date("ApprehensionDate", true),
            Text("CriminalStatus", 12, true, CriminalStatuses), .. Person(),
        ], "RecordId", "ApprehensionDate") { SourceSystem = "e3", Grain = "one Border Patrol apprehension" },

        new("cbp-usbp-discretion-releases", "stg.UsbpDiscretionRelease", "CBP-USBP",
        [
            Text("RecordId", 50, true), Text("SectorCode", 20, true), Date("ReleaseDate", true), Text("ApprehensionRecordId", 50),
            Text("ActionCode", 20, true, ActionCodes), Text("BasisCode", 20, true, BasisCodes), Text("PolicyCode", 30, codes: PolicyCodes),
            Text("PriorityCode", 12, codes: PriorityCodes), .. Person(),
        ], "RecordId", "ReleaseDate") { SourceSystem = "e3", Grain = "one release from Border Patrol custody under prosecutorial discretion" },

        new("cbp-ofo-inadmissibles", "stg.OfoInadmissibility", "CBP-OFO",
        [
            Text("RecordId", 50, true), Text("FieldOfficeCode", 20, true), Text("PortCode", 10), Date("DeterminationDate", true),
            Text("Disposition", 20, true, OfoDispositions), .. Person(),
        ], "RecordId", "DeterminationDate") { SourceSystem = "TECS/SIGMA", Grain = "one determination of inadmissibility at a port of entry" },

        new("ice-ero-detention-bookins", "stg.EroDetentionBookIn", "ICE-ERO",
        [
            Text("RecordId", 50, true), Text("AreaOfResponsibility", 4, true), Date("BookInDate", true), Text("FacilityCode", 20),
            Text("CriminalStatus", 12, true, CriminalStatuses), Int("ThreatLevel", 1, 3, codes: ThreatLevels), .. Person(),
        ], "RecordId", "BookInDate") { SourceSystem = "EID/EADM", Grain = "one initial book-in to ICE detention" },

        new("ice-removals-returns", "stg.EroRemoval", "ICE-ERO",
        [
            Text("RecordId", 50, true), Text("AreaOfResponsibility", 4, true), Date("DepartureDate", true),
            Text("DepartureType", 12, true, DepartureTypes), Text("CriminalStatus", 12, true, CriminalStatuses), Int("ThreatLevel", 1, 3, codes: ThreatLevels), .. Person(),
        ], "RecordId", "DepartureDate") { SourceSystem = "EID/EARM", Grain = "one removal or return (confirmed departure)" },

        new("uscis-daca-requests", "stg.UscisDacaRequest", "USCIS",
        [
            Text("ReceiptNumber", 20, true), Text("ServiceCenterCode", 20, true), Text("RequestType", 10, true, DacaRequestTypes),
            Date("ReceiptDate", true), Date("AcceptedDate", true), Text("RequestStatus", 10, true, DacaStatuses), Date("DecisionDate"),
            Text("ReferralSource", 10, true, ReferralSources), .. Person(),
        ], "ReceiptNumber", "DecisionDate")
        {
            SourceSystem = "CLAIMS3", Grain = "one DACA request (Form I-821D) with its status at the end of the period",
            // The rules dw.FactDeferredActionRequest.tests.json declares, checked row by row (column order as above).
            RowRules =
            [
                new("DecisionDate", "a decision is dated on or after the request's receipt",
                    v => v[6] is DateOnly decided && v[3] is DateOnly received && decided < received),
                new("AcceptedDate", "a request is accepted on or after its receipt",
                    v => v[4] is DateOnly accepted && v[3] is DateOnly received && accepted < received),
                new("DecisionDate", "an approved or denied request has a decision date",
                    v => v[5] is "APPROVED" or "DENIED" && v[6] is null),
            ],
        },

        new("reference-offices", "stg.ReferenceOffice", ReferenceComponent,
        [
            Text("OfficeCode", 20, true), Text("OfficeName", 100, true), Text("OfficeType", 40, true), Text("ComponentCode", 10, true, ComponentCodes),
            Text("ParentOfficeCode", 20), Text("StateCode", 2), Text("OfficeRegion", 40), Date("EffectiveDate", true),
        ], "OfficeCode", null) { SourceSystem = "OIS-REF", Grain = "one office as of the start of the period" },

        new("reference-countries", "stg.ReferenceCountry", ReferenceComponent,
        [
            Text("CountryCode", 2, true), Text("IsoAlpha3", 3, true), Text("CountryName", 100, true), Text("Region", 20, true, Regions),
        ], "CountryCode", null) { SourceSystem = "OIS-REF", Grain = "one country with its OIS region" },

        // Figures OIS published for years before the microdata (docs/feeds.md, `published-series`). A figure is known by
        // its table, year and measure; no one column names it, so the three together are the record's key.
        new(PublishedSeries, "stg.PublishedFigure", ReferenceComponent,
        [
            Text("TableNumber", 10, true), Int("FiscalYear", FirstPublishedYear, 2099, true), Text("Measure", 40, true),
            Int("Value", 0, int.MaxValue, true), Text("Publisher", 100, true), Text("Publication", 200, true), Text("Edition", 20, true), Text("SourceTable", 40, true),
            Text("SourceNote", 200),
        ], "TableNumber", null)
        {
            SourceSystem = "OIS-PUB", Grain = "one published figure: a Yearbook table's measure for one fiscal year, with its source",
            KeyColumns = ["TableNumber", "FiscalYear", "Measure"],
        },
    ];

    /// <summary>The feed of figures OIS published (the long series before the microdata).</summary>
    public const string PublishedSeries = "published-series";

    /// <summary>The first fiscal year the Yearbook's long series print (removals and returns since 1892).</summary>
    public const int FirstPublishedYear = 1892;

    static readonly Dictionary<string, FeedDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string feedName, out FeedDefinition feed) => ByName.TryGetValue(feedName, out feed!);

    public static FeedDefinition Get(string feedName) =>
        ByName.TryGetValue(feedName, out var feed)
            ? feed
            : throw new UnknownFeedException(feedName);
}
