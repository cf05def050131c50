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
