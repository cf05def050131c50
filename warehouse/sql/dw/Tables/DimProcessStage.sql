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
