CREATE TABLE etl.ControlTotal
(
    ControlTotalKey     BIGINT         NOT NULL,
    LineageKey          INT            NOT NULL,
    MeasureName         VARCHAR(100)   NOT NULL,  -- e.g. PD releases in period
    ReportedValue       BIGINT         NOT NULL,  -- as the component reported it in the manifest
    LoadedValue         BIGINT         NULL,      -- as counted in the warehouse after the load
    Difference          BIGINT         NULL,      -- LoadedValue - ReportedValue
    CONSTRAINT PK_ControlTotal PRIMARY KEY CLUSTERED (ControlTotalKey),
    CONSTRAINT UQ_ControlTotal_Lineage_Measure UNIQUE (LineageKey, MeasureName),
    CONSTRAINT FK_ControlTotal_Lineage FOREIGN KEY (LineageKey) REFERENCES etl.Lineage (LineageKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per control total a delivery manifest reports (batch and measure), reconciled with the count loaded.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'ControlTotalKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch whose manifest reported the total (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The control total''s name as the manifest gives it, e.g. PD releases in period.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'MeasureName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Value the component reported in the manifest.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'ReportedValue';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Value counted in the warehouse after the load; null until reconciled.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'LoadedValue';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'LoadedValue - ReportedValue; 0 when the load reconciles.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'ControlTotal', @level2type = N'COLUMN', @level2name = N'Difference';
