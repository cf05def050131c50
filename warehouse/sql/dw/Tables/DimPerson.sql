CREATE TABLE dw.DimPerson
(
    PersonKey           INT            NOT NULL,
    PersonHash          CHAR(64)       NOT NULL,  -- keyed hash (HMAC-SHA256, hex) of the resolved identity; never a name or A-number
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
