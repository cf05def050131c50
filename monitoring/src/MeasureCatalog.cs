namespace PdWarehouse.Monitoring;

/// <summary>A field a goal may filter on: its name in the goals file, where the warehouse keeps it and the values it takes.</summary>
/// <param name="Values">The closed list of values, or null when any value of the column is allowed (e.g. an office code).</param>
/// <param name="Source">The warehouse column (or rule) the field reads, for docs/monitoring.md and the measurement SQL.</param>
/// <param name="Recorded">When a record counts as having the field recorded (completeness), in words.</param>
public sealed record CatalogField(string Name, string Description, IReadOnlyList<string>? Values, string Source, string Recorded);

/// <summary>A dated event of a population's records: the ends of a median-days interval.</summary>
public sealed record CatalogEvent(string Name, string Description, string Source);

/// <summary>Something goals may ask for that the warehouse does not record: named so the error says why, not just "unknown".</summary>
public sealed record CatalogGap(string Name, string Why);

/// <summary>
/// A measurable population: the records of one fact (or rpt view) that a measure counts, with the fields it may filter on
/// and the events it may time. Every record is placed in a period by <see cref="PeriodEvent"/>, and in a component and
/// office by its fact's ComponentKey and OfficeKey.
/// </summary>
public sealed record CatalogPopulation(
    string Name, string Description, string Source, string PeriodEvent,
    IReadOnlyList<CatalogField> Fields, IReadOnlyList<CatalogEvent> Events, IReadOnlyList<CatalogGap> Gaps)
{
    public CatalogField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
    public CatalogEvent? Event(string name) => Events.FirstOrDefault(e => e.Name == name);
    public CatalogGap? Gap(string name) => Gaps.FirstOrDefault(g => g.Name == name);
}

/// <summary>
/// The documented catalog goals are written against (docs/monitoring.md prints it). It is code, not configuration: each
/// entry is a promise that the measurement SQL can compute it, and a test holds the closed value lists to the warehouse's
/// reference data, so a code added there cannot silently become unmeasurable here.
/// </summary>
public static class MeasureCatalog
{
    public static readonly IReadOnlyList<string> Components = ["ICE-ERO", "ICE-HSI", "ICE-OPLA", "CBP-USBP", "CBP-OFO", "USCIS"];
    public static readonly IReadOnlyList<string> Agencies = ["ICE", "CBP", "USCIS"];
    public static readonly IReadOnlyList<string> PriorityLevels = ["1", "2", "3", "NONE"];
    public static readonly IReadOnlyList<string> YesNo = ["yes", "no"];

    public static readonly IReadOnlyList<string> DiscretionActions =
        ["REL", "NTA-NOT-ISSUED", "NTA-CANCEL", "DISMISS", "ADMIN-CLOSE", "TERMINATE", "DEFERRED", "STAY"];

    public static readonly IReadOnlyList<string> DiscretionBases =
        ["NOT-PRIORITY", "DACA-ELIGIBLE", "HUMANITARIAN", "VICTIM-WITNESS", "NO-TRAVEL-DOCS", "ADJ-APPROVABLE", "MILITARY", "FAMILY-TIES", "OTHER", "NOT-RECORDED"];

    public static readonly IReadOnlyList<string> EnforcementCategories = ["APPREHENSION", "INADMISSIBLE", "BOOKIN", "REMOVAL", "RETURN"];

    public static readonly IReadOnlyList<string> EnforcementActionTypes =
        ["APPREHENSION", "INADMISSIBLE", "BOOKIN", "REMOVAL-ER", "REMOVAL-REINST", "REMOVAL-ADMDPT", "REMOVAL-JUDICIAL", "REMOVAL-VWP", "RETURN-VR", "RETURN-WD"];

    private static CatalogField Component(string fact) => new("component", "The component that recorded the record.", Components,
        $"dw.DimComponent.ComponentCode through {fact}.ComponentKey", "ComponentKey <> 0");

    private static CatalogField Agency(string fact) => new("agency", "The agency of that component.", Agencies,
        $"dw.DimComponent.Agency through {fact}.ComponentKey", "ComponentKey <> 0");

    private static CatalogField Office(string fact, string key) => new("office", "The office (field office, sector, port, service center) as dw.DimOffice codes it, e.g. ERO-ATL.", null,
        $"dw.DimOffice.OfficeCode through {fact}.{key}", $"{key} <> 0");

    public static readonly IReadOnlyList<CatalogPopulation> Populations =
    [
        new("enforcement-actions",
            "Apprehensions, inadmissibility determinations, detention book-ins, removals and returns: one per row of dw.FactEnforcementAction (rpt.EnforcementAction).",
            "dw.FactEnforcementAction", "event",
            [
                Component("dw.FactEnforcementAction"), Agency("dw.FactEnforcementAction"), Office("dw.FactEnforcementAction", "OfficeKey"),
                new("action-category", "Apprehension, inadmissible, book-in, removal or return.", EnforcementCategories,
                    "dw.DimEnforcementActionType.ActionCategory", "EnforcementActionTypeKey <> 0"),
                new("action-type", "The action type, e.g. REMOVAL-ER for an expedited removal.", EnforcementActionTypes,
                    "dw.DimEnforcementActionType.ActionTypeCode", "EnforcementActionTypeKey <> 0"),
                new("priority-level", "Enforcement priority level of the person at the action (1, 2, 3 under either framework; NONE when not a priority). A removal, whose extract carries no priority, takes the priority recorded at the person's most recent ICE ERO arrest on or before the removal day.", PriorityLevels,
                    "dw.DimEnforcementPriority.PriorityLevel (NONE when IsPriority = 0); for a removal without one, that of the person's most recent ICE-ERO APPREHENSION on or before it",
                    "EnforcementPriorityKey <> 0, or for a removal, such an arrest with EnforcementPriorityKey <> 0"),
                new("criminal-status", "Criminal status at the action.", ["CRIMINAL", "NON-CRIMINAL"],
                    "dw.FactEnforcementAction.CriminalStatus", "CriminalStatus <> 'UNKNOWN'"),
                new("threat-level", "ICE criminality level 1 to 3.", ["1", "2", "3"],
                    "dw.FactEnforcementAction.ThreatLevel", "ThreatLevel IS NOT NULL"),
            ],
            [new("event", "The day of the action.", "dw.FactEnforcementAction.EventDateKey")],
            []),
        new("pd-decisions",
            "Prosecutorial discretion decisions: one per row of dw.FactDiscretionDecision that is not the same decision recorded again at a later stage (IsRepeatAtLaterStage = 0).",
            "dw.FactDiscretionDecision", "decision",
            [
                Component("dw.FactDiscretionDecision"), Agency("dw.FactDiscretionDecision"), Office("dw.FactDiscretionDecision", "OfficeKey"),
                new("action", "What was decided, e.g. REL (released without a charging document).", DiscretionActions,
                    "dw.DimDiscretionDecision.ActionCode", "DiscretionDecisionKey <> 0"),
                // A basis of NOT-RECORDED is a value, but a record with it cannot say whether the basis was, say, NO-TRAVEL-DOCS.
                new("basis", "Why it was decided, e.g. NO-TRAVEL-DOCS (home country will not cooperate); NOT-RECORDED when the officer recorded none.", DiscretionBases,
                    "dw.DimDiscretionDecision.BasisCode", "BasisCode is not NOT-RECORDED or UNKNOWN"),
                new("basis-recorded", "yes when a basis was recorded (anything but NOT-RECORDED or Unknown).", YesNo,
                    "dw.DimDiscretionDecision.BasisCode not in (NOT-RECORDED, UNKNOWN)", "always"),
                new("policy", "The policy the decision was made under (a dw.DimPolicy code).", null,
                    "dw.DimPolicy.PolicyCode", "PolicyKey <> 0"),
                new("priority-level", "Enforcement priority level of the person at the decision (1, 2, 3; NONE when not a priority).", PriorityLevels,
                    "dw.DimEnforcementPriority.PriorityLevel (NONE when IsPriority = 0)", "EnforcementPriorityKey <> 0"),
            ],
            [new("decision", "The day of the decision.", "dw.FactDiscretionDecision.DecisionDateKey")],
            []),
        new("pd-recipients",
            "PD decisions of resolved persons (rpt.DiscretionFollowUp: PersonKey <> 0, repeats excluded), with what the warehouse later learnt about the person.",
            "dw.FactDiscretionDecision", "decision",
            [
                Component("dw.FactDiscretionDecision"), Agency("dw.FactDiscretionDecision"), Office("dw.FactDiscretionDecision", "OfficeKey"),
                new("convicted-within-12-months", "yes when a version of the person (dw.DimPerson, SCD2, same PersonId) with criminal status CRIMINAL begins 1 to 365 days after the decision and the version valid on the decision day is not CRIMINAL. The warehouse keeps when it learnt of a conviction, not the conviction date.", YesNo,
                    "dw.DimPerson.CriminalStatus and ValidFrom across the person's versions (PersonId)", "the decision is at least 365 days before the last day any loaded delivery covers (MAX(etl.Lineage.PeriodEnd) of succeeded batches)"),
                new("arrested-within-12-months", "yes when any version of the person was apprehended or arrested (dw.FactEnforcementAction, category APPREHENSION) 1 to 365 days after the decision.", YesNo,
                    "dw.FactEnforcementAction with ActionCategory APPREHENSION, EventDate after the decision", "the decision is at least 365 days before the last day any loaded delivery covers (MAX(etl.Lineage.PeriodEnd) of succeeded batches)"),
                new("action", "What was decided.", DiscretionActions, "dw.DimDiscretionDecision.ActionCode", "DiscretionDecisionKey <> 0"),
                new("basis", "Why it was decided.", DiscretionBases, "dw.DimDiscretionDecision.BasisCode", "BasisCode is not NOT-RECORDED or UNKNOWN"),
            ],
            [new("decision", "The day of the decision.", "dw.FactDiscretionDecision.DecisionDateKey")],
            [new("conviction", "the warehouse records when a person's criminal status changed (dw.DimPerson.ValidFrom), not a conviction date: use the field convicted-within-12-months")]),
        new("daca-requests",
            "DACA requests (Form I-821D): one per row of dw.FactDeferredActionRequest; the office is the USCIS service center and the component USCIS.",
            "dw.FactDeferredActionRequest", "receipt",
            [
                new("referral-source", "Who referred the person: CBP, ICE, or SELF when self-initiated.", ["CBP", "ICE", "SELF"],
                    "dw.DimComponent.Agency through ReferralComponentKey (SELF when 0)", "always"),
                new("request-type", "INITIAL or RENEWAL.", ["INITIAL", "RENEWAL"], "dw.FactDeferredActionRequest.RequestType", "always"),
                new("status", "Latest status.", ["RECEIVED", "ACCEPTED", "REJECTED", "APPROVED", "DENIED"], "dw.FactDeferredActionRequest.RequestStatus", "always"),
                Office("dw.FactDeferredActionRequest", "ServiceCenterOfficeKey"),
            ],
            [
                new("receipt", "The day USCIS received the request.", "dw.FactDeferredActionRequest.ReceiptDateKey"),
                new("accepted", "The day USCIS accepted it for processing (missing until then).", "dw.FactDeferredActionRequest.AcceptedDateKey"),
                new("decision", "The day USCIS approved or denied it (missing until then).", "dw.FactDeferredActionRequest.DecisionDateKey"),
            ],
            [new("referral", "the warehouse does not record the day CBP or ICE referred a person to USCIS (the USCIS extract carries only the referring component): time from receipt instead and say so in a note")]),
    ];

    public static CatalogPopulation? Population(string name) => Populations.FirstOrDefault(p => p.Name == name);

    /// <summary>The range a measure's values (and so its target and tolerance band) can take.</summary>
    public static (decimal Min, decimal? Max, string Unit) Range(string kind) => kind switch
    {
        "share" => (0m, 1m, "a share, 0 to 1"),
        "rate" => (0m, null, "a rate, 0 or more per N"),
        "count" => (0m, null, "a count, a whole number 0 or more"),
        "median-days" => (0m, null, "days, 0 or more"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a measure kind"),
    };

    public static readonly IReadOnlyList<string> Kinds = ["share", "rate", "count", "median-days"];
}
