CREATE TABLE dw.FactEnforcementActionSummary
(
    FiscalYear          SMALLINT       NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    OfficeKey           INT            NOT NULL,
    EnforcementActionTypeKey SMALLINT  NOT NULL,
    NationalityCountryKey SMALLINT     NOT NULL,
    CriminalStatus      VARCHAR(12)    NOT NULL,
    ComponentCode       VARCHAR(10)    NOT NULL,
    ProgramName         NVARCHAR(60)   NOT NULL,
    Agency              VARCHAR(10)    NOT NULL,
    OfficeCode          VARCHAR(20)    NOT NULL,
    OfficeName          NVARCHAR(100)  NOT NULL,
    OfficeType          VARCHAR(40)    NOT NULL,
    OfficeRegion        NVARCHAR(40)   NOT NULL,
    ActionTypeCode      VARCHAR(20)    NOT NULL,
    ActionCategory      VARCHAR(20)    NOT NULL,
    ActionTypeName      NVARCHAR(100)  NOT NULL,
    DispositionCode     VARCHAR(12)    NULL,
    NationalityCountryCode CHAR(2)     NOT NULL,
    NationalityCountryName NVARCHAR(100) NOT NULL,
    NationalityRegion   VARCHAR(20)    NOT NULL,
    Actions             INT            NOT NULL,
    LineageKey          INT            NOT NULL,
    -- Clustered on the fiscal year first: each load deletes and rewrites whole fiscal years, and a heap would keep the
    -- pages its deletes empty.
    CONSTRAINT PK_FactEnforcementActionSummary PRIMARY KEY CLUSTERED (FiscalYear, ComponentKey, OfficeKey, EnforcementActionTypeKey, NationalityCountryKey, CriminalStatus),
    CONSTRAINT FK_FactEnforcementActionSummary_DimComponent FOREIGN KEY (ComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactEnforcementActionSummary_DimOffice FOREIGN KEY (OfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactEnforcementActionSummary_DimEnforcementActionType FOREIGN KEY (EnforcementActionTypeKey) REFERENCES dw.DimEnforcementActionType (EnforcementActionTypeKey),
    CONSTRAINT FK_FactEnforcementActionSummary_DimCountry FOREIGN KEY (NationalityCountryKey) REFERENCES dw.DimCountry (CountryKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per fiscal year, component, office version, action type, country of nationality and criminal status with at least one action whose event date is known: an aggregate of dw.FactEnforcementAction, with the codes and names of its component, office, action type and country copied beside their keys, so the report view reads this table alone. Rebuilt by every load for each fiscal year the batch changed, so it always equals the facts; a load that corrects a dimension row in place (a reference feed) copies the new codes and names. The Yearbook tables read it through rpt.EnforcementActionCount.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year of the event date (dw.DimDate.FiscalYear).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that took the actions (dw.DimComponent).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Office version the actions were recorded against (dw.DimOffice).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Kind of action (dw.DimEnforcementActionType).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'EnforcementActionTypeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of nationality (dw.DimCountry).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'NationalityCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status at the time of the action: CRIMINAL, NON-CRIMINAL, UNKNOWN.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Number of enforcement action rows in the group.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'Actions';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.ComponentCode of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.ProgramName of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ProgramName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.Agency of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'Agency';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeCode of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'OfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeName of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'OfficeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeType of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'OfficeType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeRegion of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'OfficeRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementActionType.ActionTypeCode of the row''s EnforcementActionTypeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ActionTypeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementActionType.ActionCategory of the row''s EnforcementActionTypeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ActionCategory';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementActionType.ActionTypeName of the row''s EnforcementActionTypeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'ActionTypeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementActionType.DispositionCode of the row''s EnforcementActionTypeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'DispositionCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryCode of the row''s NationalityCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'NationalityCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryName of the row''s NationalityCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'NationalityCountryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.Region of the row''s NationalityCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'NationalityRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last rebuilt this fiscal year (etl.Lineage); 0 when pdw warehouse init or a deployment built it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
