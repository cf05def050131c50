CREATE TABLE etl.IndicatorMeasurement
(
    IndicatorMeasurementKey BIGINT         NOT NULL,
    IndicatorKey            INT            NOT NULL,
    PeriodType              VARCHAR(7)     NOT NULL,
    PeriodStart             DATE           NOT NULL,
    PeriodEnd               DATE           NOT NULL,
    FiscalYear              SMALLINT       NOT NULL,
    IsPartialPeriod         BIT            NOT NULL,
    BreakdownLevel          VARCHAR(9)     NOT NULL,
    ComponentKey            SMALLINT       NULL,
    OfficeKey               INT            NULL,
    Numerator               BIGINT         NULL,
    Denominator             BIGINT         NOT NULL,
    Value                   FLOAT          NULL,
    IntervalLow             FLOAT          NULL,
    IntervalHigh            FLOAT          NULL,
    RecordsInScope          BIGINT         NOT NULL,
    RecordsComplete         BIGINT         NOT NULL,
    Completeness            FLOAT          NULL,
    LineageKey              INT            NOT NULL,
    CONSTRAINT PK_IndicatorMeasurement PRIMARY KEY CLUSTERED (IndicatorMeasurementKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per indicator of the current goals, period (each calendar month and fiscal quarter the indicator applies to and the data reach) and breakdown (all components, each component, each office): numerator, denominator, value, 95% interval and completeness. Rebuilt in full by pdw monitor goals load; read it through rpt.IndicatorMeasurement.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key, numbered afresh by each refresh.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'IndicatorMeasurementKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The indicator (dw.DimIndicator) of the current goals file version measured.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'IndicatorKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'MONTH (calendar month) or QUARTER (federal fiscal quarter, October to December is Q1).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'PeriodType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'First day of the month or quarter.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'PeriodStart';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Last day of the month or quarter.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'PeriodEnd';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Federal fiscal year the period falls in.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when the indicator''s own period (dw.DimIndicator.PeriodStart to PeriodEnd) covers only part of this month or quarter: only records inside it count.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'IsPartialPeriod';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ALL (every component), COMPONENT (one component, every office) or OFFICE (one office of one component).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'BreakdownLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The component (dw.DimComponent); null on ALL rows. 0 gathers records whose component is Unknown.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office (dw.DimOffice); null on ALL and COMPONENT rows. 0 gathers records whose office is Unknown.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'share: records meeting the numerator among the denominator; rate: records of the numerator population; count: the count; null for median-days.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'Numerator';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'share: records in scope with the fields the numerator needs recorded; rate: records of the denominator population; count: records of the population; median-days: records with both events recorded.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'Denominator';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The indicator''s value in its unit: Numerator / Denominator for a share, times RatePer for a rate, the count, the median days; null when the denominator is 0.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'Value';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Lower end of the 95% interval: Wilson score interval for a share; null for other kinds (not computed yet) and when the denominator is 0.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'IntervalLow';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Upper end of the 95% interval (see IntervalLow).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'IntervalHigh';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Records the completeness is taken over: share and median-days, records matching the where filter; count and rate, every record of the (numerator) population.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'RecordsInScope';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Of RecordsInScope, those with every field the measure needs recorded (docs/monitoring.md, column recorded when).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'RecordsComplete';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'RecordsComplete / RecordsInScope; null when no record is in scope.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'Completeness';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The goals batch (etl.Lineage) whose indicators were measured: etl.GoalFile.CurrentLineageKey of the current version.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'IndicatorMeasurement', @level2type = N'COLUMN', @level2name = N'LineageKey';
