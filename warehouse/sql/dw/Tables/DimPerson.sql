CREATE TABLE dw.DimPerson
(
    PersonKey           INT            NOT NULL,
    PersonId            INT            NOT NULL,  -- durable key: the PersonKey of the person's first version, on every version
    PersonHash          BINARY(16)     NOT NULL,  -- keyed hash (HMAC-SHA256 truncated to 128 bits) of the resolved identity; never a name or A-number
    Sex                 CHAR(1)        NOT NULL,  -- M, F, U
    BirthYear           SMALLINT       NULL,
    CitizenshipCountryCode CHAR(2)     NOT NULL,  -- ISO 3166-1 alpha-2; ZZ when unknown
    CriminalStatus      VARCHAR(12)    NOT NULL,  -- CRIMINAL, NON-CRIMINAL, UNKNOWN
    ThreatLevel         TINYINT        NULL,      -- ICE criminality level 1 to 3
    ValidFrom           DATETIME2(0)   NOT NULL,
    ValidTo             DATETIME2(0)   NOT NULL,
    IsCurrent           BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimPerson PRIMARY KEY CLUSTERED (PersonKey),
    CONSTRAINT UQ_DimPerson_PersonHash_ValidFrom UNIQUE (PersonHash, ValidFrom)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per version of a pseudonymous person resolved across feeds (no names or identifiers in clear): slowly changing type 2 because criminal history changes; key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the person version; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'PersonKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Durable identifier of the person: the PersonKey of the person''s first version, carried by every version, so distinct persons are counted with COUNT(DISTINCT PersonId); 0 for the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'PersonId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Pseudonym: keyed hash (HMAC-SHA256 truncated to 128 bits) of the resolved identity, never a name or A-number; denied to pdw_analyst.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'PersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Sex: M, F or U (unknown).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'Sex';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Year of birth; null when unknown. Full dates of birth are not kept.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'BirthYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship, ISO 3166-1 alpha-2; ZZ when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status of this version: CRIMINAL, NON-CRIMINAL or UNKNOWN.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ICE criminality level 1 to 3 of this version; null when not recorded.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'ThreatLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Start of this version''s validity (inclusive): slowly changing dimension type 2.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'ValidFrom';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'End of this version''s validity (exclusive); 9999-12-31 for the current version.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'ValidTo';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for the current version of the member, 0 for superseded versions.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'IsCurrent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPerson', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
-- rpt.DiscretionFollowUp joins a person's versions through PersonId (DuckDB, which has no such index, hashes them).
CREATE NONCLUSTERED INDEX IX_DimPerson_PersonId ON dw.DimPerson (PersonId);
