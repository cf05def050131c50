CREATE TABLE dw.DimEnforcementActionType
(
    EnforcementActionTypeKey SMALLINT  NOT NULL,
    ActionTypeCode      VARCHAR(20)    NOT NULL,  -- business key, e.g. APPREHENSION, REMOVAL-ER
    ActionCategory      VARCHAR(20)    NOT NULL,  -- APPREHENSION, INADMISSIBLE, BOOKIN, REMOVAL, RETURN
    ActionTypeName      NVARCHAR(100)  NOT NULL,
    DispositionCode     VARCHAR(12)    NULL,      -- ERO processing disposition, e.g. ER, REINST, V
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimEnforcementActionType PRIMARY KEY CLUSTERED (EnforcementActionTypeKey),
    CONSTRAINT UQ_DimEnforcementActionType_ActionTypeCode UNIQUE (ActionTypeCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per kind of enforcement action counted in the Immigration Enforcement Actions report (apprehension, inadmissibility, detention book-in, removal by type, return); key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'EnforcementActionTypeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key, e.g. APPREHENSION, REMOVAL-ER, RETURN-VR.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'ActionTypeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The Immigration Enforcement Actions measure it counts toward: APPREHENSION, INADMISSIBLE, BOOKIN, REMOVAL or RETURN.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'ActionCategory';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable name of the action type.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'ActionTypeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ERO processing disposition or departure code it corresponds to (e.g. ER, REINST, V); null when none.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'DispositionCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementActionType', @level2type = N'COLUMN', @level2name = N'LineageKey';
