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
