CREATE TABLE dw.FactDeferredActionRequestSummary
(
    FiscalYear          SMALLINT       NOT NULL,
    DecisionFiscalYear  SMALLINT       NOT NULL,
    RequestType         VARCHAR(10)    NOT NULL,
    RequestStatus       VARCHAR(10)    NOT NULL,
    ReferralComponentKey SMALLINT      NOT NULL,
    ServiceCenterOfficeKey INT         NOT NULL,
    CitizenshipCountryKey SMALLINT     NOT NULL,
    ReferralAgency      VARCHAR(10)    NOT NULL,
    ServiceCenterCode   VARCHAR(20)    NOT NULL,
    ServiceCenterName   NVARCHAR(100)  NOT NULL,
    CitizenshipCountryCode CHAR(2)     NOT NULL,
    CitizenshipCountryName NVARCHAR(100) NOT NULL,
    CitizenshipRegion   VARCHAR(20)    NOT NULL,
    Requests            INT            NOT NULL,
    LineageKey          INT            NOT NULL,
    -- Clustered on the fiscal year first, as the other summaries: each load deletes and rewrites whole fiscal years.
    CONSTRAINT PK_FactDeferredActionRequestSummary PRIMARY KEY CLUSTERED (FiscalYear, DecisionFiscalYear, RequestType, RequestStatus, ReferralComponentKey, ServiceCenterOfficeKey, CitizenshipCountryKey),
    CONSTRAINT FK_FactDeferredActionRequestSummary_DimComponent FOREIGN KEY (ReferralComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactDeferredActionRequestSummary_DimOffice FOREIGN KEY (ServiceCenterOfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactDeferredActionRequestSummary_DimCountry FOREIGN KEY (CitizenshipCountryKey) REFERENCES dw.DimCountry (CountryKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per fiscal year of receipt, fiscal year of decision, request type, latest status, referring component, service center and country of citizenship with at least one DACA request: an aggregate of dw.FactDeferredActionRequest, with the codes and names of its component, service center and country copied beside their keys, so the report view reads this table alone. Rebuilt by every load for each fiscal year the batch changed (a re-sent request with a new status rebuilds its year of receipt), so it always equals the facts; a load that corrects a dimension row in place (a reference feed) copies the new codes and names. rpt.DeferredActionRequestCount reads it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year of the receipt date (dw.DimDate.FiscalYear).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year of the decision date; 0 while the request awaits a decision (rpt.DeferredActionRequestCount shows NULL).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'DecisionFiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'INITIAL or RENEWAL.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'RequestType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Latest status of the requests at the most recent load.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'RequestStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that referred the persons (dw.DimComponent); 0 when self-initiated.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'ReferralComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'USCIS service center that received the requests (dw.DimOffice).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'ServiceCenterOfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship (dw.DimCountry).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.Agency of the row''s ReferralComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'ReferralAgency';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeCode of the row''s ServiceCenterOfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'ServiceCenterCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeName of the row''s ServiceCenterOfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'ServiceCenterName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryCode of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryName of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.Region of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Number of DACA requests in the group.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'Requests';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last rebuilt this fiscal year (etl.Lineage); 0 when pdw warehouse init or a deployment built it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequestSummary', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
