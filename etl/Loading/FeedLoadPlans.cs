namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Where each feed's rows go in the star schema. Office codes are accepted with or without their
/// component prefix (ERO AORs arrive bare, e.g. ATL, and are ERO-ATL in dw.DimOffice).
/// </summary>
internal static class FeedLoadPlans
{
    private static string OfficeCode(string prefix, string column) =>
        $"CASE WHEN {column} LIKE '{prefix}-%' THEN {column} ELSE CONCAT('{prefix}-', {column}) END";

    private static DimensionLookup Date(string factColumn, string dateSql) =>
        new(factColumn, "dw.DimDate", "DateKey", $"{{d}}.Date = {dateSql}", dateSql, "date outside the date dimension");

    private static DimensionLookup Component(string code) =>
        new("ComponentKey", "dw.DimComponent", "ComponentKey", $"{{d}}.ComponentCode = '{code}'", null, null);

    private static DimensionLookup Office(string factColumn, string prefix, string column) =>
        new(factColumn, "dw.DimOffice", "OfficeKey", $"{{d}}.OfficeCode = {OfficeCode(prefix, column)}", column, "unknown office code", Versioned: true);

    private static DimensionLookup Person() =>
        new("PersonKey", "dw.DimPerson", "PersonKey", "{d}.PersonHash = sp.PersonHash", null, null, Versioned: true);

    private static DimensionLookup Country(string factColumn) =>
        new(factColumn, "dw.DimCountry", "CountryKey", "{d}.CountryCode = s.CitizenshipCountryCode", "s.CitizenshipCountryCode", "unknown country code");

    private static DimensionLookup Code(string factColumn, string dimension, string key, string codeColumn, string sql, string finding) =>
        new(factColumn, dimension, key, $"{{d}}.{codeColumn} = {sql}", sql, finding);

    private static DimensionLookup Constant(string factColumn, string dimension, string key, string codeColumn, string code) =>
        new(factColumn, dimension, key, $"{{d}}.{codeColumn} = '{code}'", null, null);

    private static FactLoadPlan Decisions(string feed, string staging, string component, string dateColumn, DimensionLookup office, DimensionLookup stage) => new()
    {
        Feed = feed,
        StagingTable = staging,
        FactTable = "dw.FactDiscretionDecision",
        FactKey = "DiscretionDecisionRecordKey",
        RecordIdSql = "s.RecordId",
        EventDateSql = $"s.{dateColumn}",
        PersonDateKeyColumn = "DecisionDateKey",
        Lookups =
        [
            Date("DecisionDateKey", $"s.{dateColumn}"), Component(component), office, Person(), Country("CitizenshipCountryKey"),
            new("DiscretionDecisionKey", "dw.DimDiscretionDecision", "DiscretionDecisionKey",
                "{d}.ActionCode = s.ActionCode AND {d}.BasisCode = s.BasisCode", "s.ActionCode", "unknown action and basis"),
            Code("PolicyKey", "dw.DimPolicy", "PolicyKey", "PolicyCode", "s.PolicyCode", "unknown policy code"),
            Code("EnforcementPriorityKey", "dw.DimEnforcementPriority", "EnforcementPriorityKey", "PriorityCode", "s.PriorityCode", "unknown priority code"),
            stage,
        ],
        InsertOnlyColumns = [("PersonDecisionSequence", "1"), ("IsRepeatAtLaterStage", "0")],
    };

    private static FactLoadPlan Actions(string feed, string staging, string dateColumn, DimensionLookup component, DimensionLookup office,
        DimensionLookup actionType, string stage, string criminalStatusSql, string threatLevelSql = "NULL", string arrestMethodSql = "NULL", string prioritySql = "NULL") => new()
    {
        Feed = feed,
        StagingTable = staging,
        FactTable = "dw.FactEnforcementAction",
        FactKey = "EnforcementActionRecordKey",
        RecordIdSql = "s.RecordId",
        EventDateSql = $"s.{dateColumn}",
        PersonDateKeyColumn = "EventDateKey",
        Lookups =
        [
            Date("EventDateKey", $"s.{dateColumn}"), component, office, Person(), Country("NationalityCountryKey"), actionType,
            Constant("ProcessStageKey", "dw.DimProcessStage", "ProcessStageKey", "StageCode", stage),
            prioritySql == "NULL"
                ? Constant("EnforcementPriorityKey", "dw.DimEnforcementPriority", "EnforcementPriorityKey", "PriorityCode", "UNKNOWN")
                : Code("EnforcementPriorityKey", "dw.DimEnforcementPriority", "EnforcementPriorityKey", "PriorityCode", prioritySql, "unknown priority code"),
        ],
        Columns = [("CriminalStatus", criminalStatusSql), ("ThreatLevel", threatLevelSql), ("ArrestMethod", arrestMethodSql)],
    };

    private static DimensionLookup ActionType(string code) =>
        Constant("EnforcementActionTypeKey", "dw.DimEnforcementActionType", "EnforcementActionTypeKey", "ActionTypeCode", code);

    public static IReadOnlyList<FactLoadPlan> All { get; } =
    [
        Decisions("ice-ero-discretion-decisions", "stg.EroDiscretionDecision", "ICE-ERO", "DecisionDate",
            Office("OfficeKey", "ERO", "s.AreaOfResponsibility"),
            Code("ProcessStageKey", "dw.DimProcessStage", "ProcessStageKey", "StageCode", "s.StageCode", "unknown process stage")),
        Decisions("ice-opla-case-dispositions", "stg.OplaCaseDisposition", "ICE-OPLA", "DispositionDate",
            Office("OfficeKey", "OPLA", "s.ChiefCounselOffice"),
            Code("ProcessStageKey", "dw.DimProcessStage", "ProcessStageKey", "StageCode", "s.StageCode", "unknown process stage")),
        // Border Patrol releases happen in custody after apprehension: the arrest stage.
        Decisions("cbp-usbp-discretion-releases", "stg.UsbpDiscretionRelease", "CBP-USBP", "ReleaseDate",
            Office("OfficeKey", "USBP", "s.SectorCode"),
            Constant("ProcessStageKey", "dw.DimProcessStage", "ProcessStageKey", "StageCode", "ARREST")),

        Actions("ice-arrests", "stg.IceArrest", "ArrestDate",
            new("ComponentKey", "dw.DimComponent", "ComponentKey", "{d}.ComponentCode = s.Program", "s.Program", "unknown ICE program"),
            Office("OfficeKey", "ERO", "s.AreaOfResponsibility"), ActionType("APPREHENSION"), "ARREST",
            "COALESCE(s.CriminalStatus, 'UNKNOWN')", "s.ThreatLevel", "s.ArrestMethod", "s.PriorityCode"),
        Actions("cbp-usbp-apprehensions", "stg.UsbpApprehension", "ApprehensionDate", Component("CBP-USBP"),
            Office("OfficeKey", "USBP", "s.SectorCode"), ActionType("APPREHENSION"), "ARREST", "COALESCE(s.CriminalStatus, 'UNKNOWN')"),
        Actions("cbp-ofo-inadmissibles", "stg.OfoInadmissibility", "DeterminationDate", Component("CBP-OFO"),
            Office("OfficeKey", "OFO", "s.FieldOfficeCode"), ActionType("INADMISSIBLE"), "ENCOUNTER", "'UNKNOWN'"),
        Actions("ice-ero-detention-bookins", "stg.EroDetentionBookIn", "BookInDate", Component("ICE-ERO"),
            Office("OfficeKey", "ERO", "s.AreaOfResponsibility"), ActionType("BOOKIN"), "DETENTION",
            "COALESCE(s.CriminalStatus, 'UNKNOWN')", "s.ThreatLevel"),
        Actions("ice-removals-returns", "stg.EroRemoval", "DepartureDate", Component("ICE-ERO"),
            Office("OfficeKey", "ERO", "s.AreaOfResponsibility"),
            Code("EnforcementActionTypeKey", "dw.DimEnforcementActionType", "EnforcementActionTypeKey", "DispositionCode", "s.DepartureType", "unknown departure type"),
            "FINAL-ORDER", "COALESCE(s.CriminalStatus, 'UNKNOWN')", "s.ThreatLevel"),

        new()
        {
            Feed = "uscis-daca-requests",
            StagingTable = "stg.UscisDacaRequest",
            FactTable = "dw.FactDeferredActionRequest",
            FactKey = "DeferredActionRequestRecordKey",
            RecordIdSql = "s.ReceiptNumber",
            EventDateSql = "s.ReceiptDate",
            PersonDateKeyColumn = "ReceiptDateKey",
            Lookups =
            [
                Person(), Country("CitizenshipCountryKey"),
                Office("ServiceCenterOfficeKey", "USCIS", "s.ServiceCenterCode"),
                Date("ReceiptDateKey", "s.ReceiptDate"), Date("AcceptedDateKey", "s.AcceptedDate"), Date("DecisionDateKey", "s.DecisionDate"),
                // CBP and ICE refer through their enforcement programs; a self-initiated request has no referring component.
                new("ReferralComponentKey", "dw.DimComponent", "ComponentKey",
                    "{d}.ComponentCode = CASE s.ReferralSource WHEN 'CBP' THEN 'CBP-USBP' WHEN 'ICE' THEN 'ICE-ERO' END", null, null),
                Constant("PolicyKey", "dw.DimPolicy", "PolicyKey", "PolicyCode", "DHS-2012-06-15-DACA"),
            ],
            Columns = [("RequestType", "s.RequestType"), ("RequestStatus", "s.RequestStatus")],
        },
    ];

    public static FactLoadPlan? For(string feed) => All.FirstOrDefault(p => p.Feed == feed);
}
