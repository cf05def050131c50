CREATE TABLE dw.FactDiscretionPersonSummary
(
    FiscalYear          SMALLINT       NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    PersonId            INT            NOT NULL,
    Decisions           INT            NOT NULL,
    Records             INT            NOT NULL,
    LaterArrested       BIT            NOT NULL,
    LaterConvicted      BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    -- Clustered, as the other summaries: every fact batch deletes and rewrites the whole table, and a heap would
    -- keep the pages its deletes empty.
    CONSTRAINT PK_FactDiscretionPersonSummary PRIMARY KEY CLUSTERED (FiscalYear, ComponentKey, PersonId),
    CONSTRAINT FK_FactDiscretionPersonSummary_DimComponent FOREIGN KEY (ComponentKey) REFERENCES dw.DimComponent (ComponentKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per fiscal year, component and resolved person (PersonId) with at least one PD record whose decision date is known: an aggregate of dw.FactDiscretionDecision with each person''s later apprehensions (dw.FactEnforcementAction) and convictions (dw.DimPerson versions). Rebuilt whole by every load that loads facts, because a later apprehension, a new person version or a merge of two persons can change any fiscal year''s row; rpt.DiscretionPerson reads it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year of the decision date (dw.DimDate.FiscalYear).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that recorded the decisions (dw.DimComponent).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person (dw.DimPerson.PersonId, the same for every version of the person): count distinct persons with COUNT(DISTINCT PersonId). Records whose person could not be resolved (PersonKey 0) have no row.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'PersonId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person''s decisions in the year and component: records that are not a repeat of the same decision at a later stage; 0 when every record repeats an earlier decision.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'Decisions';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Every PD record of the person in the year and component, repeats included.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'Records';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when any version of the person has an apprehension or arrest dated after one of these decisions (repeats excluded), as rpt.DiscretionFollowUp decides it per decision.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'LaterArrested';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when the person was not criminal at one of these decisions (repeats excluded) and a version valid from after it records a criminal conviction, as rpt.DiscretionFollowUp decides it per decision.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'LaterConvicted';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The latest batch (etl.Lineage) that wrote one of the PD records of the row: taken from the facts, so a rebuild that changes nothing leaves it as it was.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionPersonSummary', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
