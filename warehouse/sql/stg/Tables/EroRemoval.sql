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
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The component''s identifier of the record; with the feed name, the business key of the fact row it becomes.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'RecordId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ERO area of responsibility code (e.g. ATL); conformed to dw.DimOffice as ERO-<code>.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'AreaOfResponsibility';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date the person departed (was removed or returned).', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'DepartureDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ER, REINST, ADMDPT, JUDICIAL, VR (voluntary return) or WD; decides removal versus return.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'DepartureType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status at the time of the record: CRIMINAL, NON-CRIMINAL or UNKNOWN.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ICE criminality (threat) level 1 to 3 where recorded; null otherwise.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'ThreatLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the loader hashes the A-number (as the component wrote it: A012345678, 12345678, A-012-345-678) in memory into etl.StagedPerson and stages null, so it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'ANumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the loader hashes the fingerprint identification number (IDENT FIN) in memory into etl.StagedPerson and stages null, so it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'Fin';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the family name only builds the hashed name-and-birth key in etl.StagedPerson, in memory; it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'FamilyName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the given name only builds the hashed name-and-birth key in etl.StagedPerson, in memory; it is never stored in clear.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'GivenName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Always null: the date of birth builds the hashed name-and-birth key and gives etl.StagedPerson its birth year, in memory; only the year is stored.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'BirthDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Sex as recorded: M, F or U (unknown).', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'Sex';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship, ISO 3166-1 alpha-2; ZZ when unknown.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the row in its CSV file (the header is line 1): ties the row back to the delivery and to etl.Reject.', @level0type = N'SCHEMA', @level0name = N'stg', @level1type = N'TABLE', @level1name = N'EroRemoval', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
