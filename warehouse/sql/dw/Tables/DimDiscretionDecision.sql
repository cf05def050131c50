CREATE TABLE dw.DimDiscretionDecision
(
    DiscretionDecisionKey SMALLINT     NOT NULL,
    ActionCode          VARCHAR(20)    NOT NULL,  -- what was decided, e.g. REL, NTA-CANCEL
    ActionName          NVARCHAR(100)  NOT NULL,
    BasisCode           VARCHAR(20)    NOT NULL,  -- why, e.g. NOT-PRIORITY, DACA-ELIGIBLE
    BasisName           NVARCHAR(150)  NOT NULL,
    RemovalProcessEffect NVARCHAR(40)  NOT NULL,  -- Not placed in / Taken out of removal process
    IsDeferredAction    BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimDiscretionDecision PRIMARY KEY CLUSTERED (DiscretionDecisionKey),
    CONSTRAINT UQ_DimDiscretionDecision_ActionCode_BasisCode UNIQUE (ActionCode, BasisCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per combination of discretion action (what was decided) and basis (why), with its effect on the removal process; key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'DiscretionDecisionKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What was decided, e.g. REL (release), NTA-CANCEL, DISMISS, DEFERRED; part of the business key.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'ActionCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable name of the action.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'ActionName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Why discretion was exercised, e.g. NOT-PRIORITY, DACA-ELIGIBLE, NO-TRAVEL-DOC; part of the business key.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'BasisCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable name of the basis.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'BasisName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Effect on the removal process: not placed in it, or taken out of it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'RemovalProcessEffect';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when the decision grants deferred action (DACA or another deferral).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'IsDeferredAction';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDiscretionDecision', @level2type = N'COLUMN', @level2name = N'LineageKey';
