CREATE TABLE stg.OplaCaseDisposition
(
    RecordId            VARCHAR(50)    NULL,
    ChiefCounselOffice  VARCHAR(20)    NULL,  -- OPLA office code, e.g. OPLA-ATL
    DispositionDate     DATE           NULL,
    ActionCode          VARCHAR(20)    NULL,
    BasisCode           VARCHAR(20)    NULL,
    PolicyCode          VARCHAR(30)    NULL,
    PriorityCode        VARCHAR(12)    NULL,
    StageCode           VARCHAR(20)    NULL,
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
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per line of an ICE OPLA case dispositions delivery (dismissals, administrative closures and other discretion in proceedings), typed.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'OplaCaseDisposition';
