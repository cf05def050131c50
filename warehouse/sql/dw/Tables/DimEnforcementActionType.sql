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
