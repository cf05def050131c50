CREATE TABLE dw.DimProcessStage
(
    ProcessStageKey     TINYINT        NOT NULL,
    StageCode           VARCHAR(20)    NOT NULL,  -- business key, e.g. ENCOUNTER
    StageName           NVARCHAR(60)   NOT NULL,
    StageOrder          TINYINT        NOT NULL,  -- position in the removal process
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimProcessStage PRIMARY KEY CLUSTERED (ProcessStageKey),
    CONSTRAINT UQ_DimProcessStage_StageCode UNIQUE (StageCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per stage of the removal process at which an action or decision is recorded (encounter to post-order); key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage', @level2type = N'COLUMN', @level2name = N'ProcessStageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key, e.g. ENCOUNTER, ARREST, DETENTION, PROCEEDINGS.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage', @level2type = N'COLUMN', @level2name = N'StageCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable name of the stage.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage', @level2type = N'COLUMN', @level2name = N'StageName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Position of the stage in the removal process, earliest first.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage', @level2type = N'COLUMN', @level2name = N'StageOrder';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimProcessStage', @level2type = N'COLUMN', @level2name = N'LineageKey';
