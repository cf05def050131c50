CREATE TABLE dw.DimCountry
(
    CountryKey          SMALLINT       NOT NULL,
    CountryCode         CHAR(2)        NOT NULL,  -- ISO 3166-1 alpha-2, business key; ZZ is Unknown
    IsoAlpha3           CHAR(3)        NOT NULL,
    CountryName         NVARCHAR(100)  NOT NULL,
    Region              VARCHAR(20)    NOT NULL,  -- OIS region of nationality
    IsWithdrawn         BIT            NOT NULL,  -- a code ISO 3166-1 no longer assigns, kept for historic nationalities
    IsInReferenceList   BIT            NOT NULL,  -- 0 for a code a delivery used that no reference list brought (kept, not Unknown)
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimCountry PRIMARY KEY CLUSTERED (CountryKey),
    CONSTRAINT UQ_DimCountry_CountryCode UNIQUE (CountryCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per country of nationality or citizenship with its OIS region (Africa, Asia, Europe, North America, Oceania, South America, Unknown); key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'CountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key: ISO 3166-1 alpha-2 code; ZZ is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'CountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ISO 3166-1 alpha-3 code.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'IsoAlpha3';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country name as published in the Yearbook.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'CountryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'OIS region of nationality: Africa, Asia, Europe, North America, Oceania, South America or Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'Region';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for a code ISO 3166-1 has withdrawn, kept because records and the Yearbook still name the nationality (AN Netherlands Antilles, CS Serbia and Montenegro, SU the former Soviet Union, YU the former Yugoslavia); 0 for a current code, US territories (AS, GU, MP, PR, VI) included.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'IsWithdrawn';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for a country of the reference list (shipped in warehouse/reference or brought by a reference-countries delivery); 0 for a well-formed code (two letters A-Z) a delivery used that no reference list holds: the load adds it with its code as name, region Unknown and alpha-3 ZZZ so its records keep their code, the Yearbook prints it on the Other line and the data-quality appendix lists it; a later reference-countries delivery that brings the code sets 1, its name and its region.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'IsInReferenceList';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCountry', @level2type = N'COLUMN', @level2name = N'LineageKey';
