CREATE TABLE dw.FactEnforcementActionSummary
(
    FiscalYear          SMALLINT       NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    OfficeKey           INT            NOT NULL,
    EnforcementActionTypeKey SMALLINT  NOT NULL,
    NationalityCountryKey SMALLINT     NOT NULL,
    CriminalStatus      VARCHAR(12)    NOT NULL,
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
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per fiscal year, component, office version, action type, country of nationality and criminal status with at least one action whose event date is known: an aggregate of dw.FactEnforcementAction. Rebuilt by every load for each fiscal year the batch changed, so it always equals the facts; the Yearbook tables read it through rpt.EnforcementActionCount.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary';
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
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last rebuilt this fiscal year (etl.Lineage); 0 when pdw warehouse init or a deployment built it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementActionSummary', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
