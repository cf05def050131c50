CREATE TABLE etl.PersonAttribute
(
    LineageKey          INT            NOT NULL,
    PersonHash          BINARY(16)     NOT NULL,  -- a person the running batch's rows resolved to
    Sex                 CHAR(1)        NULL,      -- M or F when a row states it
    BirthYear           SMALLINT       NULL,
    CitizenshipCountryCode CHAR(2)     NULL,      -- NULL when no row states a known country
    CriminalStatus      VARCHAR(12)    NULL,      -- the latest known status (CRIMINAL, NON-CRIMINAL) the rows state
    ThreatLevel         TINYINT        NULL,
    StatusDate          DATE           NULL,      -- event date of the row stating that status
    PersonSeed          INT            NULL,      -- batch-local rank of the person's label: at most the batch's known-person ranks for a person already in the warehouse
    CONSTRAINT PK_PersonAttribute PRIMARY KEY CLUSTERED (LineageKey, PersonHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per person the running batch resolved: the attributes its rows state (the most recent known value of each), computed once for the new persons, the type-1 fill and the new type-2 versions; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Pseudonym of the resolved person (keyed hash, as in dw.DimPerson); working data, never in a report.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'PersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'M or F when any of the batch''s rows for the person states it; NULL otherwise.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'Sex';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Birth year stated by the batch''s rows for the person.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'BirthYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship (ISO 3166-1 alpha-2) stated by the batch''s rows; NULL when none states a known one.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status of the latest row (by event date, then line) that states a known one; NULL when none does.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Threat level stated on that same row.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'ThreatLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Event date of that same row: where a new type-2 version of the person begins.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'StatusDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Batch-local rank of the person''s label (etl.PersonLabel.SeedNumber). Known persons rank before new identifiers, so a rank above the batch''s last known-person rank is a new person: no look-up in dw.DimPerson decides it.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonAttribute', @level2type = N'COLUMN', @level2name = N'PersonSeed';
