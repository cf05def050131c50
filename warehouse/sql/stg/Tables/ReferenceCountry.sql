CREATE TABLE stg.ReferenceCountry
(
    CountryCode         CHAR(2)        NULL,
    IsoAlpha3           CHAR(3)        NULL,
    CountryName         NVARCHAR(100)  NULL,
    Region              VARCHAR(20)    NULL,
    LineageKey          INT            NOT NULL,  -- the batch that staged the row
    SourceRowNumber     BIGINT         NOT NULL   -- line of the row in its CSV file (header is line 1)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per line of a countries reference list delivery, typed.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ISO 3166-1 alpha-2 code.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'CountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ISO 3166-1 alpha-3 code.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'IsoAlpha3';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country name.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'CountryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'OIS region of nationality.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'Region';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the row in its CSV file (the header is line 1): ties the row back to the delivery and to etl.Reject.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceCountry', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
