CREATE TABLE etl.DecisionSequence
(
    LineageKey          INT            NOT NULL,
    DiscretionDecisionRecordKey BIGINT NOT NULL,
    PersonDecisionSequence INT         NOT NULL,
    CONSTRAINT PK_DecisionSequence PRIMARY KEY CLUSTERED (LineageKey, DiscretionDecisionRecordKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per decision record of the running batch whose same-decision sequence changed: the working set applied to dw.FactDiscretionDecision; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DecisionSequence';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that computed the sequence (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DecisionSequence', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The decision row (dw.FactDiscretionDecision) whose sequence is recomputed.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DecisionSequence', @level2type = N'COLUMN', @level2name = N'DiscretionDecisionRecordKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Recomputed position of the decision among the person''s records of the same decision.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DecisionSequence', @level2type = N'COLUMN', @level2name = N'PersonDecisionSequence';
