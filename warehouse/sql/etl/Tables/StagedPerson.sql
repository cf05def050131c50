CREATE TABLE etl.StagedPerson
(
    LineageKey          INT            NOT NULL,
    SourceRowNumber     BIGINT         NOT NULL,  -- the staged row this person appears on
    EventDate           DATE           NULL,      -- the row's event date: which person version its facts use
    ANumberHash         CHAR(64)       NULL,      -- keyed hashes of the canonical identifiers (docs/feeds.md, identity rules)
    FinHash             CHAR(64)       NULL,
    NameKeyHash         CHAR(64)       NULL,
    Sex                 CHAR(1)        NULL,
    BirthYear           SMALLINT       NULL,
    CitizenshipCountryCode CHAR(2)     NULL,
    CriminalStatus      VARCHAR(12)    NULL,
    ThreatLevel         TINYINT        NULL,
    RowLabel            VARCHAR(65)    NULL,      -- working label of identity resolution (see etl.PersonLabel)
    PersonHash          CHAR(64)       NULL,      -- the resolved person, set by identity resolution
    CONSTRAINT PK_StagedPerson PRIMARY KEY CLUSTERED (LineageKey, SourceRowNumber)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per staged row of the running batch that names a person: its identifiers as keyed hashes and its person attributes; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson';
