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
