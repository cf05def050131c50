namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Identity resolution in shared SQL (docs/feeds.md, identity rules). Every staged row carries up to three
/// keyed identifier hashes; records sharing any identifier are one person, transitively. The connected
/// components are found by label propagation: each identifier starts with its own label, or with its
/// known person's, and rows and identifiers repeatedly take the smallest label they touch. Known persons'
/// labels start with '0' and new identifiers' with '1', so a component that reaches an existing person
/// keeps that person's hash, and two existing persons that turn out to be one merge into the smaller.
/// An existing person is itself a link between all its identifiers (etl.PersonIdentifier), so each
/// merged-away person has exactly one winner.
/// </summary>
internal static class PersonResolutionSql
{
    /// <summary>The edges: (row, identifier) for every identifier of every staged row, written once per batch.</summary>
    public const string RecordRowIdentifiers = """
        INSERT INTO etl.PersonRowIdentifier (LineageKey, SourceRowNumber, IdentifierHash)
        SELECT LineageKey, SourceRowNumber, ANumberHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND ANumberHash IS NOT NULL
        UNION ALL
        SELECT LineageKey, SourceRowNumber, FinHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND FinHash IS NOT NULL
        UNION ALL
        SELECT LineageKey, SourceRowNumber, NameKeyHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND NameKeyHash IS NOT NULL
        """;

    /// <summary>The batch's identifiers with their starting labels; the one read of etl.PersonIdentifier per batch.</summary>
    public const string SeedLabels = """
        INSERT INTO etl.PersonLabel (LineageKey, IdentifierHash, Label, KnownPersonHash)
        SELECT @LineageKey, ids.IdentifierHash,
               CASE WHEN pi.PersonHash IS NULL THEN CONCAT('1', ids.IdentifierHash) ELSE CONCAT('0', pi.PersonHash) END,
               pi.PersonHash
        FROM (SELECT DISTINCT x.IdentifierHash FROM etl.PersonRowIdentifier AS x WHERE x.LineageKey = @LineageKey) AS ids
        LEFT JOIN etl.PersonIdentifier AS pi ON pi.IdentifierHash = ids.IdentifierHash
        """;

    public const string LabelRows = """
        UPDATE etl.StagedPerson SET RowLabel = m.Label
        FROM (
            SELECT x.SourceRowNumber, MIN(l.Label) AS Label
            FROM etl.PersonRowIdentifier AS x
            JOIN etl.PersonLabel AS l ON l.LineageKey = x.LineageKey AND l.IdentifierHash = x.IdentifierHash
            WHERE x.LineageKey = @LineageKey
            GROUP BY x.SourceRowNumber
        ) AS m
        WHERE StagedPerson.LineageKey = @LineageKey AND StagedPerson.SourceRowNumber = m.SourceRowNumber
          AND (StagedPerson.RowLabel IS NULL OR StagedPerson.RowLabel <> m.Label)
        """;

    public const string LabelIdentifiers = """
        UPDATE etl.PersonLabel SET Label = m.Label
        FROM (
            SELECT x.IdentifierHash, MIN(sp.RowLabel) AS Label
            FROM etl.PersonRowIdentifier AS x
            JOIN etl.StagedPerson AS sp ON sp.LineageKey = x.LineageKey AND sp.SourceRowNumber = x.SourceRowNumber
            WHERE x.LineageKey = @LineageKey
            GROUP BY x.IdentifierHash
        ) AS m
        WHERE PersonLabel.LineageKey = @LineageKey AND PersonLabel.IdentifierHash = m.IdentifierHash AND m.Label < PersonLabel.Label
        """;

    /// <summary>
    /// An existing person joins its identifiers even when no row of the batch carries two of them together: without
    /// this, two of a person's identifiers linked to two different persons would leave the person with two winners.
    /// Only the person's identifiers in this batch carry labels, so the batch's own record of who they belonged to
    /// (KnownPersonHash) is all it needs.
    /// </summary>
    public const string LabelThroughKnownPersons = """
        UPDATE etl.PersonLabel SET Label = k.Label
        FROM (
            SELECT l.KnownPersonHash, MIN(l.Label) AS Label
            FROM etl.PersonLabel AS l
            WHERE l.LineageKey = @LineageKey AND l.KnownPersonHash IS NOT NULL
            GROUP BY l.KnownPersonHash
        ) AS k
        WHERE PersonLabel.LineageKey = @LineageKey AND PersonLabel.KnownPersonHash = k.KnownPersonHash AND k.Label < PersonLabel.Label
        """;

    public const string AssignPersons = """
        UPDATE etl.StagedPerson SET PersonHash = SUBSTRING(RowLabel, 2, 64)
        WHERE LineageKey = @LineageKey AND RowLabel IS NOT NULL
        """;

    /// <summary>Existing persons this batch proved to be the same as another (smaller) existing person.</summary>
    public const string RecordMerges = """
        INSERT INTO etl.PersonMerge (LineageKey, LoserHash, WinnerHash)
        SELECT DISTINCT @LineageKey, l.KnownPersonHash, SUBSTRING(l.Label, 2, 64)
        FROM etl.PersonLabel AS l
        WHERE l.LineageKey = @LineageKey AND l.KnownPersonHash <> SUBSTRING(l.Label, 2, 64)
        """;

    public const string RemapIdentifiers = """
        UPDATE etl.PersonIdentifier SET PersonHash = m.WinnerHash, LineageKey = @LineageKey
        FROM etl.PersonMerge AS m
        WHERE m.LineageKey = @LineageKey AND PersonIdentifier.PersonHash = m.LoserHash
        """;

    /// <summary>Facts of a merged-away person move to the winner's version valid on the fact's date.</summary>
    public static string RepointFacts(string factTable, string dateKeyColumn) => $"""
        UPDATE {factTable} SET LineageKey = @LineageKey, PersonKey = COALESCE((
            SELECT MIN(w.PersonKey) FROM dw.DimPerson AS w JOIN dw.DimDate AS d ON d.DateKey = {factTable}.{dateKeyColumn}
            WHERE w.PersonHash = m.WinnerHash AND w.ValidFrom <= d.Date AND w.ValidTo > d.Date),
            (SELECT MIN(c.PersonKey) FROM dw.DimPerson AS c WHERE c.PersonHash = m.WinnerHash AND c.IsCurrent = 1))
        FROM etl.PersonMerge AS m
        JOIN dw.DimPerson AS loser ON loser.PersonHash = m.LoserHash
        WHERE m.LineageKey = @LineageKey AND {factTable}.PersonKey = loser.PersonKey
        """;

    public const string DeleteMergedPersons = """
        DELETE FROM dw.DimPerson WHERE PersonHash IN (SELECT m.LoserHash FROM etl.PersonMerge AS m WHERE m.LineageKey = @LineageKey)
        """;

    public const string RecordNewIdentifiers = """
        INSERT INTO etl.PersonIdentifier (IdentifierHash, PersonHash, LineageKey)
        SELECT l.IdentifierHash, SUBSTRING(l.Label, 2, 64), @LineageKey
        FROM etl.PersonLabel AS l
        WHERE l.LineageKey = @LineageKey AND l.KnownPersonHash IS NULL
        """;

    /// <summary>The attributes a batch states for each person: the most recent non-missing value of each.</summary>
    private const string BatchAttributes = """
        (
            SELECT a.PersonHash,
                   MAX(CASE WHEN a.Sex IN ('M', 'F') THEN a.Sex END) AS Sex,
                   MAX(a.BirthYear) AS BirthYear,
                   MAX(CASE WHEN a.CitizenshipCountryCode <> 'ZZ' THEN a.CitizenshipCountryCode END) AS CitizenshipCountryCode,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.CriminalStatus END) AS CriminalStatus,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.ThreatLevel END) AS ThreatLevel,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.EventDate END) AS StatusDate
            FROM (
                SELECT sp.*, ROW_NUMBER() OVER (
                    PARTITION BY sp.PersonHash
                    ORDER BY CASE WHEN sp.CriminalStatus IS NULL OR sp.CriminalStatus = 'UNKNOWN' THEN 1 ELSE 0 END, sp.EventDate DESC, sp.SourceRowNumber DESC) AS StatusRank
                FROM etl.StagedPerson AS sp
                WHERE sp.LineageKey = @LineageKey AND sp.PersonHash IS NOT NULL
            ) AS a
            GROUP BY a.PersonHash
        )
        """;

    /// <summary>A new person's first version: its key is also the person's durable PersonId.</summary>
    public const string InsertNewPersons = $"""
        INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT n.PersonKey, n.PersonKey, n.PersonHash, COALESCE(n.Sex, 'U'), n.BirthYear, COALESCE(n.CitizenshipCountryCode, 'ZZ'),
               COALESCE(n.CriminalStatus, 'UNKNOWN'), n.ThreatLevel, @SeedValidFrom, @OpenValidTo, 1, @LineageKey
        FROM (
            SELECT (SELECT COALESCE(MAX(PersonKey), 0) FROM dw.DimPerson) + ROW_NUMBER() OVER (ORDER BY b.PersonHash) AS PersonKey,
                   b.PersonHash, b.Sex, b.BirthYear, b.CitizenshipCountryCode, b.CriminalStatus, b.ThreatLevel
            FROM {BatchAttributes} AS b
            WHERE NOT EXISTS (SELECT 1 FROM dw.DimPerson AS p WHERE p.PersonHash = b.PersonHash)
        ) AS n
        """;

    /// <summary>Type 1: attributes a person's versions lacked are filled in on all of them (they never change).</summary>
    public const string FillMissingAttributes = $"""
        UPDATE dw.DimPerson SET
            Sex = CASE WHEN DimPerson.Sex = 'U' AND b.Sex IS NOT NULL THEN b.Sex ELSE DimPerson.Sex END,
            BirthYear = COALESCE(DimPerson.BirthYear, b.BirthYear),
            CitizenshipCountryCode = CASE WHEN DimPerson.CitizenshipCountryCode = 'ZZ' AND b.CitizenshipCountryCode IS NOT NULL THEN b.CitizenshipCountryCode ELSE DimPerson.CitizenshipCountryCode END,
            LineageKey = @LineageKey
        FROM {BatchAttributes} AS b
        WHERE DimPerson.PersonHash = b.PersonHash
          AND ((DimPerson.Sex = 'U' AND b.Sex IS NOT NULL)
            OR (DimPerson.BirthYear IS NULL AND b.BirthYear IS NOT NULL)
            OR (DimPerson.CitizenshipCountryCode = 'ZZ' AND b.CitizenshipCountryCode IS NOT NULL))
        """;

    /// <summary>The current versions whose criminal status the batch changes, later than the version began: type 2.</summary>
    private const string StatusChanges = $"""
        (
            SELECT p.PersonKey, b.PersonHash, b.CriminalStatus, b.ThreatLevel, b.StatusDate
            FROM {BatchAttributes} AS b
            JOIN dw.DimPerson AS p ON p.PersonHash = b.PersonHash AND p.IsCurrent = 1
            WHERE b.CriminalStatus IS NOT NULL AND b.StatusDate > p.ValidFrom
              AND (p.CriminalStatus <> b.CriminalStatus OR p.ThreatLevel IS DISTINCT FROM b.ThreatLevel)
        )
        """;

    /// <summary>A new version keeps the person's durable PersonId.</summary>
    public const string OpenNewVersions = $"""
        INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT (SELECT COALESCE(MAX(PersonKey), 0) FROM dw.DimPerson) + ROW_NUMBER() OVER (ORDER BY c.PersonHash),
               p.PersonId, c.PersonHash, p.Sex, p.BirthYear, p.CitizenshipCountryCode, c.CriminalStatus, c.ThreatLevel, c.StatusDate, @OpenValidTo, 1, @LineageKey
        FROM {StatusChanges} AS c
        JOIN dw.DimPerson AS p ON p.PersonKey = c.PersonKey
        """;

    /// <summary>Run after <see cref="OpenNewVersions"/>: the version each new one replaces ends where it begins.</summary>
    public const string CloseReplacedVersions = """
        UPDATE dw.DimPerson SET IsCurrent = 0, LineageKey = @LineageKey,
            ValidTo = (SELECT MIN(n.ValidFrom) FROM dw.DimPerson AS n WHERE n.PersonHash = DimPerson.PersonHash AND n.IsCurrent = 1 AND n.LineageKey = @LineageKey AND n.ValidFrom > DimPerson.ValidFrom)
        WHERE IsCurrent = 1 AND EXISTS (
            SELECT 1 FROM dw.DimPerson AS n
            WHERE n.PersonHash = DimPerson.PersonHash AND n.IsCurrent = 1 AND n.LineageKey = @LineageKey AND n.ValidFrom > DimPerson.ValidFrom)
        """;

    public static IEnumerable<string> All =>
    [
        RecordRowIdentifiers, SeedLabels, LabelRows, LabelIdentifiers, LabelThroughKnownPersons, AssignPersons, RecordMerges, RemapIdentifiers,
        RepointFacts("dw.FactDiscretionDecision", "DecisionDateKey"), RepointFacts("dw.FactEnforcementAction", "EventDateKey"),
        RepointFacts("dw.FactDeferredActionRequest", "ReceiptDateKey"), DeleteMergedPersons, RecordNewIdentifiers,
        InsertNewPersons, FillMissingAttributes, OpenNewVersions, CloseReplacedVersions,
    ];
}
