CREATE TABLE dw.DimOffice
(
    OfficeKey           INT            NOT NULL,
    OfficeCode          VARCHAR(20)    NOT NULL,  -- business key, e.g. ERO-ATL, USBP-RGV
    OfficeName          NVARCHAR(100)  NOT NULL,
    OfficeType          VARCHAR(40)    NOT NULL,  -- ERO area of responsibility, Border Patrol sector, ...
    ComponentCode       VARCHAR(10)    NOT NULL,
    ParentOfficeCode    VARCHAR(20)    NULL,      -- a station's sector, a port's field office
    StateCode           CHAR(2)        NULL,
    OfficeRegion        NVARCHAR(40)   NOT NULL,  -- e.g. Southwest border, Northern border, Coastal, Interior
    ValidFrom           DATETIME2(0)   NOT NULL,
    ValidTo             DATETIME2(0)   NOT NULL,  -- 9999-12-31 for the current version
    IsCurrent           BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimOffice PRIMARY KEY CLUSTERED (OfficeKey),
    CONSTRAINT UQ_DimOffice_OfficeCode_ValidFrom UNIQUE (OfficeCode, ValidFrom)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per version of an office (ERO area of responsibility, Border Patrol sector or station, OFO field office or port, USCIS service center, OPLA chief counsel office): slowly changing type 2, valid from ValidFrom (inclusive) to ValidTo (exclusive); key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the office version; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key, e.g. ERO-ATL, USBP-RGV, OFO-SDO, USCIS-NBC.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'OfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Office name as published, e.g. Rio Grande Valley.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'OfficeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Kind of office: ERO area of responsibility, Border Patrol sector or station, OFO field office or port, USCIS service center, OPLA chief counsel office.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'OfficeType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that runs the office (dw.DimComponent.ComponentCode).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office above it: a station''s sector, a port''s field office; null at the top.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'ParentOfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Two-letter US state or territory code where the office sits; null when it spans several.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'StateCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Region used in office comparisons, e.g. Southwest border, Northern border, Coastal, Interior.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'OfficeRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Start of this version''s validity (inclusive): slowly changing dimension type 2.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'ValidFrom';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'End of this version''s validity (exclusive); 9999-12-31 for the current version.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'ValidTo';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for the current version of the member, 0 for superseded versions.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'IsCurrent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimOffice', @level2type = N'COLUMN', @level2name = N'LineageKey';
