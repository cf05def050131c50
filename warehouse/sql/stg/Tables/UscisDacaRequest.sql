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
