CREATE TABLE etl.StagedPerson
(
    LineageKey          INT            NOT NULL,
    SourceRowNumber     BIGINT         NOT NULL,  -- the staged row this person appears on
    EventDate           DATE           NULL,      -- the row's event date: which person version its facts use
    ANumberHash         BINARY(16)     NULL,      -- keyed hashes of the canonical identifiers (docs/feeds.md, identity rules)
    FinHash             BINARY(16)     NULL,
    NameKeyHash         BINARY(16)     NULL,
    Sex                 CHAR(1)        NULL,
    BirthYear           SMALLINT       NULL,
    CitizenshipCountryCode CHAR(2)     NULL,
    CriminalStatus      VARCHAR(12)    NULL,
    ThreatLevel         TINYINT        NULL,
    PersonHash          BINARY(16)     NULL,      -- the resolved person, set by identity resolution
    PersonSeed          INT            NULL,      -- the batch-local rank of the resolved person's label (etl.PersonLabel.SeedNumber), set with PersonHash
    CONSTRAINT PK_StagedPerson PRIMARY KEY CLUSTERED (LineageKey, SourceRowNumber)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per staged row of the running batch that names a person: its identifiers as keyed hashes and its person attributes; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that staged the row (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The staged row this person appears on.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The row''s event date: selects the person version its facts use.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'EventDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Keyed hash of the canonical A-number; null when absent or invalid.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'ANumberHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Keyed hash of the canonical FIN; null when absent.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'FinHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Keyed hash of the canonical name-and-birth-date key; null when incomplete.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'NameKeyHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Sex as recorded: M, F or U (unknown).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'Sex';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Year of birth taken from the row''s birth date.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'BirthYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship, ISO 3166-1 alpha-2; ZZ when unknown.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status on the row, when the feed carries one.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ICE criminality level on the row, when the feed carries one.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'ThreatLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The resolved person, set by identity resolution.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'PersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch-local integer rank (etl.PersonLabel.SeedNumber) of the label the row''s person took: what the batch groups persons by; set with PersonHash.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPerson', @level2type = N'COLUMN', @level2name = N'PersonSeed';
