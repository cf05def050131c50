namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Identity resolution (docs/loading.md, identity rules). Every staged row carries up to three keyed identifier
/// hashes (128-bit values); records sharing any identifier are one person, transitively. Each identifier of the batch
/// starts with a label: its known person's hash, or its own; known persons rank before new identifiers and each kind
/// by hash (SeedNumber), so a component that reaches an existing person keeps that person's hash, and two existing
/// persons that turn out to be one merge into the smaller. An existing person is itself a link between all its
/// identifiers (etl.PersonIdentifier): they share its rank.
/// The ranks (SeedNumber) are the batch-local integer ids: SeedLabels ranks the batch's distinct identifiers once, with
/// the one read of etl.PersonIdentifier, and SeedRows gives each staged row the ranks of its identifiers, the one join on
/// hashes. From there every step joins integers: the loader links the ranks staged rows carry together in memory
/// (union-find), writes back only the ranks that joined a smaller one (etl.PersonComponent), and the assignment, the
/// merges, the new identifiers and the person attributes follow the ranks; a person is new when its label's rank comes
/// after the known persons', so no step looks a batch's persons up in dw.DimPerson to tell. Earlier releases compared
/// 65-character text labels here, then joined hashes in every step.
/// </summary>
internal static class PersonResolutionSql
{
    /// <summary>The batch's identifiers with their starting labels and ranks; the one read of etl.PersonIdentifier per batch.</summary>
    public const string SeedLabels = """
        INSERT INTO etl.PersonLabel (LineageKey, IdentifierHash, KnownPersonHash, SeedNumber, PersonHash)
        SELECT @LineageKey, s.IdentifierHash, s.KnownPersonHash,
               DENSE_RANK() OVER (ORDER BY CASE WHEN s.KnownPersonHash IS NULL THEN 1 ELSE 0 END, s.PersonHash), s.PersonHash
        FROM (
            SELECT ids.IdentifierHash, pi.PersonHash AS KnownPersonHash, COALESCE(pi.PersonHash, ids.IdentifierHash) AS PersonHash
            FROM (
                SELECT ANumberHash AS IdentifierHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND ANumberHash IS NOT NULL
                UNION
                SELECT FinHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND FinHash IS NOT NULL
                UNION
                SELECT NameKeyHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND NameKeyHash IS NOT NULL
            ) AS ids
            LEFT JOIN etl.PersonIdentifier AS pi ON pi.IdentifierHash = ids.IdentifierHash
        ) AS s
        """;

    /// <summary>
    /// The batch's number of starting labels, and the last rank of a known person: known persons rank first, so a rank
    /// above it is a new identifier's, and a person whose label has such a rank is new to the warehouse.
    /// </summary>
    public const string SeedCounts = """
        SELECT COALESCE(MAX(SeedNumber), 0) AS Seeds, COALESCE(MAX(CASE WHEN KnownPersonHash IS NOT NULL THEN SeedNumber END), 0) AS KnownSeeds
        FROM etl.PersonLabel WHERE LineageKey = @LineageKey
        """;

    /// <summary>
    /// The one look-up from hashes to ranks for the staged rows: each row's identifiers become the ranks of their starting
    /// labels (smallest, middle of three, largest). Everything after it (the links, the assignment, merges, new
    /// identifiers and persons) joins these integers. The identifiers are unpivoted and joined to the labels once: three
    /// joins, one per identifier column, cost three times the hash table.
    /// </summary>
    public const string SeedRows = """
        INSERT INTO etl.StagedPersonSeed (LineageKey, SourceRowNumber, FirstSeed, MiddleSeed, LastSeed)
        SELECT @LineageKey, x.SourceRowNumber, MIN(l.SeedNumber),
               CAST(CASE WHEN COUNT(*) = 3 THEN SUM(l.SeedNumber) - MIN(l.SeedNumber) - MAX(l.SeedNumber) END AS INT), MAX(l.SeedNumber)
        FROM (
            SELECT SourceRowNumber, ANumberHash AS IdentifierHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND ANumberHash IS NOT NULL
            UNION ALL
            SELECT SourceRowNumber, FinHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND FinHash IS NOT NULL
            UNION ALL
            SELECT SourceRowNumber, NameKeyHash FROM etl.StagedPerson WHERE LineageKey = @LineageKey AND NameKeyHash IS NOT NULL
        ) AS x
        JOIN etl.PersonLabel AS l ON l.LineageKey = @LineageKey AND l.IdentifierHash = x.IdentifierHash
        GROUP BY x.SourceRowNumber
        """;

    /// <summary>
    /// The links: the ranks a staged row carries together, bare integers with no join. A row whose identifiers share one
    /// rank (one identifier, or one known person) links nothing. Repeated combinations are not removed: that cost the
    /// database more than linking them again costs the union-find (a repeated link is two finds).
    /// </summary>
    public const string SeedLinks = """
        SELECT FirstSeed, LastSeed, MiddleSeed FROM etl.StagedPersonSeed WHERE LineageKey = @LineageKey AND LastSeed > FirstSeed
        """;

    /// <summary>Each starting label's rank with its label (a known person's identifiers share one rank and one label).</summary>
    private const string Seeds = "(SELECT SeedNumber, MIN(PersonHash) AS PersonHash FROM etl.PersonLabel WHERE LineageKey = @LineageKey GROUP BY SeedNumber)";

    /// <summary>
    /// Each staged row takes its component's root rank and that rank's label: any one identifier of the row names the
    /// component, since the union-find joined all of them. A rank with no etl.PersonComponent row is its own root.
    /// </summary>
    public const string AssignPersons = $"""
        UPDATE etl.StagedPerson SET PersonSeed = r.PersonSeed, PersonHash = r.PersonHash
        FROM (
            SELECT s.SourceRowNumber, root.SeedNumber AS PersonSeed, root.PersonHash
            FROM etl.StagedPersonSeed AS s
            LEFT JOIN etl.PersonComponent AS c ON c.LineageKey = @LineageKey AND c.SeedNumber = s.FirstSeed
            JOIN {Seeds} AS root ON root.SeedNumber = COALESCE(c.ComponentSeedNumber, s.FirstSeed)
            WHERE s.LineageKey = @LineageKey
        ) AS r
        WHERE StagedPerson.LineageKey = @LineageKey AND StagedPerson.SourceRowNumber = r.SourceRowNumber
        """;

    /// <summary>Existing persons this batch proved to be the same as another (smaller) existing person.</summary>
    public const string RecordMerges = """
        INSERT INTO etl.PersonMerge (LineageKey, LoserHash, WinnerHash)
        SELECT DISTINCT @LineageKey, l.KnownPersonHash, w.PersonHash
        FROM etl.PersonComponent AS c
        JOIN etl.PersonLabel AS l ON l.LineageKey = @LineageKey AND l.SeedNumber = c.SeedNumber AND l.KnownPersonHash IS NOT NULL
        JOIN etl.PersonLabel AS w ON w.LineageKey = @LineageKey AND w.SeedNumber = c.ComponentSeedNumber
        WHERE c.LineageKey = @LineageKey AND c.SeedNumber <= @KnownSeeds
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

    /// <summary>A new identifier maps to its component's label: the root rank's, or its own when it is the root.</summary>
    public const string RecordNewIdentifiers = $"""
        INSERT INTO etl.PersonIdentifier (IdentifierHash, PersonHash, LineageKey)
        SELECT l.IdentifierHash, COALESCE(root.PersonHash, l.PersonHash), @LineageKey
        FROM etl.PersonLabel AS l
        LEFT JOIN etl.PersonComponent AS c ON c.LineageKey = @LineageKey AND c.SeedNumber = l.SeedNumber
        LEFT JOIN {Seeds} AS root ON root.SeedNumber = c.ComponentSeedNumber
        WHERE l.LineageKey = @LineageKey AND l.KnownPersonHash IS NULL
        """;

    /// <summary>
    /// The attributes a batch states for each person: the most recent non-missing value of each. Written once (a window
    /// over the batch's rows), read by the new persons, the type-1 fill and the new versions, which each computed it.
    /// </summary>
    public const string RecordBatchAttributes = """
        INSERT INTO etl.PersonAttribute (LineageKey, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, StatusDate, PersonSeed)
        SELECT @LineageKey, b.PersonHash, b.Sex, b.BirthYear, b.CitizenshipCountryCode, b.CriminalStatus, b.ThreatLevel, b.StatusDate, b.PersonSeed
        FROM (
            SELECT a.PersonSeed, a.PersonHash,
                   MAX(CASE WHEN a.Sex IN ('M', 'F') THEN a.Sex END) AS Sex,
                   MAX(a.BirthYear) AS BirthYear,
                   MAX(CASE WHEN a.CitizenshipCountryCode <> 'ZZ' THEN a.CitizenshipCountryCode END) AS CitizenshipCountryCode,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.CriminalStatus END) AS CriminalStatus,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.ThreatLevel END) AS ThreatLevel,
                   MAX(CASE WHEN a.StatusRank = 1 AND a.CriminalStatus IS NOT NULL AND a.CriminalStatus <> 'UNKNOWN' THEN a.EventDate END) AS StatusDate
            FROM (
                SELECT sp.*, ROW_NUMBER() OVER (
                    PARTITION BY sp.PersonSeed
                    ORDER BY CASE WHEN sp.CriminalStatus IS NULL OR sp.CriminalStatus = 'UNKNOWN' THEN 1 ELSE 0 END, sp.EventDate DESC, sp.SourceRowNumber DESC) AS StatusRank
                FROM etl.StagedPerson AS sp
                WHERE sp.LineageKey = @LineageKey AND sp.PersonSeed IS NOT NULL
            ) AS a
            GROUP BY a.PersonSeed, a.PersonHash
        ) AS b
        """;

    /// <summary>
    /// The batch's persons already in the warehouse, or new to it: decided by the rank of their label (known persons rank
    /// first), not by a look-up in dw.DimPerson. A new person's versions are inserted with the batch's attributes, so the
    /// type-1 fill and the type-2 versions have nothing to do for it and look at known persons only.
    /// </summary>
    private static string BatchAttributes(string seeds) =>
        $"(SELECT PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, StatusDate FROM etl.PersonAttribute WHERE LineageKey = @LineageKey AND PersonSeed {seeds})";

    private static readonly string KnownPersons = BatchAttributes("<= @KnownSeeds");

    /// <summary>A new person's first version: its key is also the person's durable PersonId.</summary>
    public static readonly string InsertNewPersons = $"""
        INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT n.PersonKey, n.PersonKey, n.PersonHash, COALESCE(n.Sex, 'U'), n.BirthYear, COALESCE(n.CitizenshipCountryCode, 'ZZ'),
               COALESCE(n.CriminalStatus, 'UNKNOWN'), n.ThreatLevel, @SeedValidFrom, @OpenValidTo, 1, @LineageKey
        FROM (
            SELECT (SELECT COALESCE(MAX(PersonKey), 0) FROM dw.DimPerson) + ROW_NUMBER() OVER (ORDER BY b.PersonHash) AS PersonKey,
                   b.PersonHash, b.Sex, b.BirthYear, b.CitizenshipCountryCode, b.CriminalStatus, b.ThreatLevel
            FROM {BatchAttributes("> @KnownSeeds")} AS b
        ) AS n
        """;

    /// <summary>Type 1: attributes a person's versions lacked are filled in on all of them (they never change).</summary>
    public static readonly string FillMissingAttributes = $"""
        UPDATE dw.DimPerson SET
            Sex = CASE WHEN DimPerson.Sex = 'U' AND b.Sex IS NOT NULL THEN b.Sex ELSE DimPerson.Sex END,
            BirthYear = COALESCE(DimPerson.BirthYear, b.BirthYear),
            CitizenshipCountryCode = CASE WHEN DimPerson.CitizenshipCountryCode = 'ZZ' AND b.CitizenshipCountryCode IS NOT NULL THEN b.CitizenshipCountryCode ELSE DimPerson.CitizenshipCountryCode END,
            LineageKey = @LineageKey
        FROM {KnownPersons} AS b
        WHERE DimPerson.PersonHash = b.PersonHash
          AND ((DimPerson.Sex = 'U' AND b.Sex IS NOT NULL)
            OR (DimPerson.BirthYear IS NULL AND b.BirthYear IS NOT NULL)
            OR (DimPerson.CitizenshipCountryCode = 'ZZ' AND b.CitizenshipCountryCode IS NOT NULL))
        """;

    /// <summary>The current versions whose criminal status the batch changes, later than the version began: type 2.</summary>
    private static readonly string StatusChanges = $"""
        (
            SELECT p.PersonKey, b.PersonHash, b.CriminalStatus, b.ThreatLevel, b.StatusDate
            FROM {KnownPersons} AS b
            JOIN dw.DimPerson AS p ON p.PersonHash = b.PersonHash AND p.IsCurrent = 1
            WHERE b.CriminalStatus IS NOT NULL AND b.StatusDate > p.ValidFrom
              AND (p.CriminalStatus <> b.CriminalStatus OR p.ThreatLevel IS DISTINCT FROM b.ThreatLevel)
        )
        """;

    /// <summary>A new version keeps the person's durable PersonId.</summary>
    public static readonly string OpenNewVersions = $"""
        INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
        SELECT (SELECT COALESCE(MAX(PersonKey), 0) FROM dw.DimPerson) + ROW_NUMBER() OVER (ORDER BY c.PersonHash),
               p.PersonId, c.PersonHash, p.Sex, p.BirthYear, p.CitizenshipCountryCode, c.CriminalStatus, c.ThreatLevel, c.StatusDate, @OpenValidTo, 1, @LineageKey
        FROM {StatusChanges} AS c
        JOIN dw.DimPerson AS p ON p.PersonKey = c.PersonKey
        """;

    /// <summary>
    /// Run after <see cref="OpenNewVersions"/>: the version each new one replaces ends where it begins. The versions the
    /// batch wrote are found first (a small set), then the older current versions of the same persons: a join, where a
    /// correlated test on every current version cost seconds per batch and grew with the population.
    /// </summary>
    public const string CloseReplacedVersions = """
        UPDATE dw.DimPerson SET IsCurrent = 0, LineageKey = @LineageKey, ValidTo = r.ValidTo
        FROM (
            SELECT o.PersonKey, MIN(n.ValidFrom) AS ValidTo
            FROM dw.DimPerson AS n
            JOIN dw.DimPerson AS o ON o.PersonHash = n.PersonHash AND o.IsCurrent = 1 AND o.ValidFrom < n.ValidFrom
            WHERE n.LineageKey = @LineageKey AND n.IsCurrent = 1
            GROUP BY o.PersonKey
        ) AS r
        WHERE DimPerson.PersonKey = r.PersonKey
        """;

    public static IEnumerable<string> All =>
    [
        SeedLabels, SeedCounts, SeedRows, SeedLinks, AssignPersons, RecordMerges, RemapIdentifiers,
        RepointFacts("dw.FactDiscretionDecision", "DecisionDateKey"), RepointFacts("dw.FactEnforcementAction", "EventDateKey"),
        RepointFacts("dw.FactDeferredActionRequest", "ReceiptDateKey"), DeleteMergedPersons, RecordNewIdentifiers,
        RecordBatchAttributes, InsertNewPersons, FillMissingAttributes, OpenNewVersions, CloseReplacedVersions,
    ];
}
