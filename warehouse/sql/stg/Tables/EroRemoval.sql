CREATE TABLE stg.EroRemoval
(
    RecordId            VARCHAR(50)    NULL,
    AreaOfResponsibility VARCHAR(4)    NULL,
    DepartureDate       DATE           NULL,
    DepartureType       VARCHAR(12)    NULL,  -- ER, REINST, ADMDPT, JUDICIAL, VR (voluntary return), WD
    CriminalStatus      VARCHAR(12)    NULL,
    ThreatLevel         TINYINT        NULL,
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
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per line of an ICE removals and returns delivery (removal type, criminal status), typed.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval';
