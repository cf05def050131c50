CREATE TABLE etl.StagedPersonSeed
(
    LineageKey          INT            NOT NULL,
    SourceRowNumber     BIGINT         NOT NULL,  -- a staged row with at least one identifier (etl.StagedPerson) ...
    FirstSeed           INT            NOT NULL,  -- ... and the smallest, middle and largest starting-label rank (etl.PersonLabel.SeedNumber) of its identifiers
    MiddleSeed          INT            NULL,      -- only when the row carries three identifiers
    LastSeed            INT            NOT NULL,
    CONSTRAINT PK_StagedPersonSeed PRIMARY KEY CLUSTERED (LineageKey, SourceRowNumber)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per staged row of the running batch that carries an identifier: the batch-local integer ranks of its up to three identifiers, looked up once from their hashes, so that linking and assigning persons join integers only; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The staged row (etl.StagedPerson.SourceRowNumber).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Smallest starting-label rank among the row''s identifiers.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed', @level2type = N'COLUMN', @level2name = N'FirstSeed';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The rank between the smallest and the largest when the row carries three identifiers; NULL otherwise.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed', @level2type = N'COLUMN', @level2name = N'MiddleSeed';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Largest starting-label rank among the row''s identifiers (equal to FirstSeed when they all share one).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'StagedPersonSeed', @level2type = N'COLUMN', @level2name = N'LastSeed';
