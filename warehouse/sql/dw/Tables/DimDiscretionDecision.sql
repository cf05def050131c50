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
