CREATE TABLE stg.ReferenceOffice
(
    OfficeCode          VARCHAR(20)    NULL,
    OfficeName          NVARCHAR(100)  NULL,
    OfficeType          VARCHAR(40)    NULL,
    ComponentCode       VARCHAR(10)    NULL,
    ParentOfficeCode    VARCHAR(20)    NULL,
    StateCode           CHAR(2)        NULL,
    OfficeRegion        NVARCHAR(40)   NULL,
    EffectiveDate       DATE           NULL,
    LineageKey          INT            NOT NULL,  -- the batch that staged the row
    SourceRowNumber     BIGINT         NOT NULL   -- line of the row in its CSV file (header is line 1)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per line of an offices reference list delivery, typed.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice';
