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
