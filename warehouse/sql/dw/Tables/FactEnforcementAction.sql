CREATE TABLE dw.FactEnforcementAction
(
    EnforcementActionRecordKey BIGINT NOT NULL,
    SourceSystem        VARCHAR(40)    NOT NULL,  -- the feed the row came from; with SourceRecordId the business key
    SourceRecordId      VARCHAR(50)    NOT NULL,
    EventDateKey        INT            NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    OfficeKey           INT            NOT NULL,
    PersonKey           INT            NOT NULL,
    NationalityCountryKey SMALLINT     NOT NULL,
    EnforcementActionTypeKey SMALLINT  NOT NULL,
    ProcessStageKey     TINYINT        NOT NULL,
    EnforcementPriorityKey SMALLINT    NOT NULL,
    CriminalStatus      VARCHAR(12)    NOT NULL,  -- at the time of the action: CRIMINAL, NON-CRIMINAL, UNKNOWN
    ThreatLevel         TINYINT        NULL,      -- ICE criminality level 1 to 3 where recorded
    ArrestMethod        VARCHAR(30)    NULL,      -- ERO arrest method, e.g. CAP LOCAL INCARCERATION, 287G
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_FactEnforcementAction PRIMARY KEY NONCLUSTERED (EnforcementActionRecordKey),
    CONSTRAINT UQ_FactEnforcementAction_Source UNIQUE NONCLUSTERED (SourceSystem, SourceRecordId),
    CONSTRAINT FK_FactEnforcementAction_DimDate FOREIGN KEY (EventDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactEnforcementAction_DimComponent FOREIGN KEY (ComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactEnforcementAction_DimOffice FOREIGN KEY (OfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactEnforcementAction_DimPerson FOREIGN KEY (PersonKey) REFERENCES dw.DimPerson (PersonKey),
    CONSTRAINT FK_FactEnforcementAction_DimCountry FOREIGN KEY (NationalityCountryKey) REFERENCES dw.DimCountry (CountryKey),
    CONSTRAINT FK_FactEnforcementAction_DimEnforcementActionType FOREIGN KEY (EnforcementActionTypeKey) REFERENCES dw.DimEnforcementActionType (EnforcementActionTypeKey),
    CONSTRAINT FK_FactEnforcementAction_DimProcessStage FOREIGN KEY (ProcessStageKey) REFERENCES dw.DimProcessStage (ProcessStageKey),
    CONSTRAINT FK_FactEnforcementAction_DimEnforcementPriority FOREIGN KEY (EnforcementPriorityKey) REFERENCES dw.DimEnforcementPriority (EnforcementPriorityKey)
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCX_FactEnforcementAction ON dw.FactEnforcementAction;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per enforcement action as counted in the Immigration Enforcement Actions report: an apprehension, inadmissibility determination, detention book-in, removal or return (source system and source record id).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the action row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'EnforcementActionRecordKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The feed the row came from (e.g. ice-ero-discretion-decisions); with SourceRecordId the business key, so a re-sent record replaces its row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'SourceSystem';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The component''s record identifier; with SourceSystem the business key.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'SourceRecordId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date of the apprehension, determination, book-in, removal or return (dw.DimDate).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'EventDateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The DHS component that recorded the event (dw.DimComponent).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office version (dw.DimOffice) valid on the event date.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person version (dw.DimPerson) valid on the event date; 0 when no identifier allowed linking.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'PersonKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of nationality (dw.DimCountry); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'NationalityCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What kind of action it was (dw.DimEnforcementActionType).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'EnforcementActionTypeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Stage of the removal process (dw.DimProcessStage); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'ProcessStageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The enforcement priority the person fell under (dw.DimEnforcementPriority); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'EnforcementPriorityKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Criminal status at the time of the action: CRIMINAL, NON-CRIMINAL or UNKNOWN.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'CriminalStatus';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ICE criminality level 1 to 3 where recorded; null otherwise.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'ThreatLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ERO arrest method, e.g. CAP LOCAL INCARCERATION, 287G; null for other components.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'ArrestMethod';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactEnforcementAction', @level2type = N'COLUMN', @level2name = N'LineageKey';
