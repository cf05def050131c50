CREATE TABLE dw.FactDiscretionDecision
(
    DiscretionDecisionRecordKey BIGINT NOT NULL,
    SourceSystem        VARCHAR(40)    NOT NULL,  -- the feed the row came from (e.g. ice-ero-discretion-decisions); with SourceRecordId the business key: a re-sent record replaces its row
    SourceRecordId      VARCHAR(50)    NOT NULL,
    DecisionDateKey     INT            NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    OfficeKey           INT            NOT NULL,  -- the office version valid on the decision date
    PersonKey           INT            NOT NULL,  -- the person version valid on the decision date
    CitizenshipCountryKey SMALLINT     NOT NULL,
    DiscretionDecisionKey SMALLINT     NOT NULL,
    PolicyKey           SMALLINT       NOT NULL,
    EnforcementPriorityKey SMALLINT    NOT NULL,
    ProcessStageKey     TINYINT        NOT NULL,
    PersonDecisionSequence INT         NOT NULL,  -- 1 for a person's first record of this decision; 2+ when the same decision is recorded again at a later stage
    IsRepeatAtLaterStage BIT           NOT NULL,  -- PersonDecisionSequence > 1: count decisions where this is 0
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_FactDiscretionDecision PRIMARY KEY NONCLUSTERED (DiscretionDecisionRecordKey),
    CONSTRAINT UQ_FactDiscretionDecision_Source UNIQUE NONCLUSTERED (SourceSystem, SourceRecordId),
    CONSTRAINT FK_FactDiscretionDecision_DimDate FOREIGN KEY (DecisionDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactDiscretionDecision_DimComponent FOREIGN KEY (ComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactDiscretionDecision_DimOffice FOREIGN KEY (OfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactDiscretionDecision_DimPerson FOREIGN KEY (PersonKey) REFERENCES dw.DimPerson (PersonKey),
    CONSTRAINT FK_FactDiscretionDecision_DimCountry FOREIGN KEY (CitizenshipCountryKey) REFERENCES dw.DimCountry (CountryKey),
    CONSTRAINT FK_FactDiscretionDecision_DimDiscretionDecision FOREIGN KEY (DiscretionDecisionKey) REFERENCES dw.DimDiscretionDecision (DiscretionDecisionKey),
    CONSTRAINT FK_FactDiscretionDecision_DimPolicy FOREIGN KEY (PolicyKey) REFERENCES dw.DimPolicy (PolicyKey),
    CONSTRAINT FK_FactDiscretionDecision_DimEnforcementPriority FOREIGN KEY (EnforcementPriorityKey) REFERENCES dw.DimEnforcementPriority (EnforcementPriorityKey),
    CONSTRAINT FK_FactDiscretionDecision_DimProcessStage FOREIGN KEY (ProcessStageKey) REFERENCES dw.DimProcessStage (ProcessStageKey)
);
GO
CREATE CLUSTERED COLUMNSTORE INDEX CCX_FactDiscretionDecision ON dw.FactDiscretionDecision;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per recorded prosecutorial discretion decision (source system and source record id); the same decision recorded again at a later stage keeps its own row, flagged IsRepeatAtLaterStage.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the decision row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'DiscretionDecisionRecordKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The feed the row came from (e.g. ice-ero-discretion-decisions); with SourceRecordId the business key, so a re-sent record replaces its row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'SourceSystem';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The component''s record identifier; with SourceSystem the business key.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'SourceRecordId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date of the decision (dw.DimDate).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'DecisionDateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The DHS component that recorded the event (dw.DimComponent).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office version (dw.DimOffice) valid on the decision date.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person version (dw.DimPerson) valid on the decision date; 0 when unlinked.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'PersonKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship (dw.DimCountry); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What was decided and why (dw.DimDiscretionDecision).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'DiscretionDecisionKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The policy or memo in force for the decision (dw.DimPolicy); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'PolicyKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The enforcement priority the person fell under (dw.DimEnforcementPriority); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'EnforcementPriorityKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Stage of the removal process (dw.DimProcessStage); 0 when unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'ProcessStageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for a person''s first record of this decision; 2 and up when the same decision is recorded again at a later stage.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'PersonDecisionSequence';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when PersonDecisionSequence > 1: count decisions where this is 0.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'IsRepeatAtLaterStage';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecision', @level2type = N'COLUMN', @level2name = N'LineageKey';
