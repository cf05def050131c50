CREATE TABLE stg.UscisDacaRequest
(
    ReceiptNumber       VARCHAR(20)    NULL,  -- e.g. NBC1312345678
    ServiceCenterCode   VARCHAR(20)    NULL,
    RequestType         VARCHAR(10)    NULL,  -- INITIAL, RENEWAL
    ReceiptDate         DATE           NULL,
    AcceptedDate        DATE           NULL,
    RequestStatus       VARCHAR(10)    NULL,
    DecisionDate        DATE           NULL,
    ReferralSource      VARCHAR(10)    NULL,  -- CBP, ICE, SELF
    ANumber             VARCHAR(20)    NULL,  -- alien registration number as the component wrote it (A012345678, 12345678, A-012-345-678)
    Fin                 VARCHAR(20)    NULL,  -- fingerprint identification number (IDENT/IDENT FIN)
    FamilyName          NVARCHAR(100)  NULL,
    GivenName           NVARCHAR(100)  NULL,
    BirthDate           DATE           NULL,
    Sex                 CHAR(1)        NULL,
    CitizenshipCountryCode CHAR(2)     NULL,
    LineageKey          INT            NOT NULL,  -- the batch that staged the row
    SourceRowNumber     BIGINT         NOT NULL   -- line of the row in its CSV file (header is line 1)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per line of a USCIS DACA requests and decisions delivery (Form I-821D), typed.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'USCIS receipt number, e.g. NBC1312345678: the business key of the request.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'ReceiptNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'USCIS service center code; conformed to dw.DimOffice.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'ServiceCenterCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'INITIAL or RENEWAL.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'RequestType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date USCIS received the request.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'ReceiptDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date the request was accepted for processing; empty until then.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'AcceptedDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Latest status: RECEIVED, ACCEPTED, REJECTED, APPROVED or DENIED.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'RequestStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date of approval or denial; empty until decided.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'DecisionDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'CBP, ICE or SELF: who referred the person to USCIS.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'ReferralSource';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the loader hashes the A-number (as the component wrote it: A012345678, 12345678, A-012-345-678) in memory into etl.StagedPerson and stages null, so it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'ANumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the loader hashes the fingerprint identification number (IDENT FIN) in memory into etl.StagedPerson and stages null, so it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'Fin';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the family name only builds the hashed name-and-birth key in etl.StagedPerson, in memory; it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'FamilyName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the given name only builds the hashed name-and-birth key in etl.StagedPerson, in memory; it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'GivenName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the date of birth builds the hashed name-and-birth key and gives etl.StagedPerson its birth year, in memory; only the year is stored.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'BirthDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Sex as recorded: M, F or U (unknown).', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'Sex';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship, ISO 3166-1 alpha-2; ZZ when unknown.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the row in its CSV file (the header is line 1): ties the row back to the delivery and to etl.Reject.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'UscisDacaRequest', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
