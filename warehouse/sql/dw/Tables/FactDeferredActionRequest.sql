CREATE TABLE dw.FactDeferredActionRequest
(
    DeferredActionRequestRecordKey BIGINT NOT NULL,
    SourceSystem        VARCHAR(40)    NOT NULL,  -- the feed the row came from; with SourceRecordId the business key
    SourceRecordId      VARCHAR(50)    NOT NULL,  -- the USCIS receipt number
    PersonKey           INT            NOT NULL,
    CitizenshipCountryKey SMALLINT     NOT NULL,
    ServiceCenterOfficeKey INT         NOT NULL,
    RequestType         VARCHAR(10)    NOT NULL,  -- INITIAL, RENEWAL
    RequestStatus       VARCHAR(10)    NOT NULL,  -- latest status: RECEIVED, ACCEPTED, REJECTED, APPROVED, DENIED
    ReceiptDateKey      INT            NOT NULL,
    AcceptedDateKey     INT            NOT NULL,  -- 0 until accepted for processing
    DecisionDateKey     INT            NOT NULL,  -- 0 until approved or denied
    ReferralComponentKey SMALLINT      NOT NULL,  -- the component (CBP, ICE) that referred the person; 0 when self-initiated
    PolicyKey           SMALLINT       NOT NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_FactDeferredActionRequest PRIMARY KEY NONCLUSTERED (DeferredActionRequestRecordKey),
    CONSTRAINT UQ_FactDeferredActionRequest_Source UNIQUE NONCLUSTERED (SourceSystem, SourceRecordId),
    CONSTRAINT FK_FactDeferredActionRequest_DimPerson FOREIGN KEY (PersonKey) REFERENCES dw.DimPerson (PersonKey),
    CONSTRAINT FK_FactDeferredActionRequest_DimCountry FOREIGN KEY (CitizenshipCountryKey) REFERENCES dw.DimCountry (CountryKey),
    CONSTRAINT FK_FactDeferredActionRequest_DimOffice FOREIGN KEY (ServiceCenterOfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactDeferredActionRequest_ReceiptDate FOREIGN KEY (ReceiptDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactDeferredActionRequest_AcceptedDate FOREIGN KEY (AcceptedDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactDeferredActionRequest_DecisionDate FOREIGN KEY (DecisionDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactDeferredActionRequest_DimComponent FOREIGN KEY (ReferralComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactDeferredActionRequest_DimPolicy FOREIGN KEY (PolicyKey) REFERENCES dw.DimPolicy (PolicyKey)
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCX_FactDeferredActionRequest ON dw.FactDeferredActionRequest;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per Deferred Action for Childhood Arrivals request (USCIS receipt number), initial or renewal, with its dates of receipt, acceptance and decision and, where CBP or ICE referred the person, the referring component.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the request row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'DeferredActionRequestRecordKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The feed the row came from; with SourceRecordId the business key.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'SourceSystem';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The USCIS receipt number of the request.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'SourceRecordId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The requestor''s person version (dw.DimPerson) valid on the receipt date; 0 when unlinked.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'PersonKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship (dw.DimCountry); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The USCIS service center that handled the request (dw.DimOffice).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'ServiceCenterOfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'INITIAL or RENEWAL.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'RequestType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Latest status: RECEIVED, ACCEPTED, REJECTED, APPROVED or DENIED.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'RequestStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date USCIS received the request (dw.DimDate).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'ReceiptDateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date the request was accepted for processing (dw.DimDate); 0 until accepted.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'AcceptedDateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date the request was approved or denied (dw.DimDate); 0 until decided.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'DecisionDateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The component (CBP or ICE) that referred the person to USCIS; 0 when self-initiated.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'ReferralComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The deferred action policy the request was made under (dw.DimPolicy).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'PolicyKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDeferredActionRequest', @level2type = N'COLUMN', @level2name = N'LineageKey';
