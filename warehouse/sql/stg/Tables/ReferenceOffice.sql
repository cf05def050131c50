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
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Office code, e.g. ERO-ATL; merged into dw.DimOffice.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'OfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Office name.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'OfficeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Kind of office, as in dw.DimOffice.OfficeType.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'OfficeType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that runs the office.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office above it, if any.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'ParentOfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Two-letter state code, if any.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'StateCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Region used in office comparisons.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'OfficeRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date from which this description applies: a change starts a new dw.DimOffice version.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'EffectiveDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the row in its CSV file (the header is line 1): ties the row back to the delivery and to etl.Reject.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'ReferenceOffice', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
