CREATE TABLE dw.DimIndicator
(
    IndicatorKey          INT            NOT NULL,
    GoalFileKey           INT            NOT NULL,
    IndicatorId           VARCHAR(60)    NOT NULL,
    Statement             NVARCHAR(1000) NOT NULL,
    PolicyKey             SMALLINT       NOT NULL,
    PeriodStart           DATE           NULL,
    PeriodEnd             DATE           NULL,
    MeasureKind           VARCHAR(12)    NOT NULL,
    Population            VARCHAR(30)    NOT NULL,
    DenominatorPopulation VARCHAR(30)    NULL,
    RatePer               INT            NULL,
    FromEvent             VARCHAR(30)    NULL,
    ToEvent               VARCHAR(30)    NULL,
    Definition            NVARCHAR(4000) NOT NULL,
    Direction             VARCHAR(7)     NOT NULL,
    Target                DECIMAL(19,6)  NOT NULL,
    ToleranceLow          DECIMAL(19,6)  NULL,
    ToleranceHigh         DECIMAL(19,6)  NULL,
    SourceLine            INT            NOT NULL,
    LineageKey            INT            NOT NULL,
    CONSTRAINT PK_DimIndicator PRIMARY KEY CLUSTERED (IndicatorKey),
    CONSTRAINT UQ_DimIndicator_GoalFile_IndicatorId UNIQUE (GoalFileKey, IndicatorId),
    CONSTRAINT FK_DimIndicator_DimPolicy FOREIGN KEY (PolicyKey) REFERENCES dw.DimPolicy (PolicyKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per policy indicator per goals file version (etl.GoalFile): what is measured, for which policy and period, and the target; key 0 is Unknown. The current goals are the rows of the current etl.GoalFile.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'IndicatorKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The goals file version (etl.GoalFile) the indicator belongs to; 0 for Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'GoalFileKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key policy staff chose, stable across versions, e.g. ice-removals-top-priority.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'IndicatorId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The goal in plain language, as written in the goals file.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'Statement';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The policy (dw.DimPolicy) the indicator serves.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'PolicyKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'First day the goal applies; null for Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'PeriodStart';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Last day the goal applies; null while open-ended.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'PeriodEnd';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'share, rate, count or median-days (docs/monitoring.md).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'MeasureKind';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The catalog population measured (the numerator''s for a rate), e.g. enforcement-actions.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'Population';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'For a rate, the population of its denominator; null otherwise.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'DenominatorPopulation';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'For a rate, the N of per N (e.g. 1000); null otherwise.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'RatePer';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'For median-days, the event the interval starts at; null otherwise.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'FromEvent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'For median-days, the event the interval ends at; null otherwise.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'ToEvent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The measure exactly as defined, as canonical JSON (kind, population, where, numerator, denominator, per, from, to).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'Definition';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'higher or lower: which way is better; UNKNOWN for the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'Direction';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The value the policy aims for, in the measure''s own unit (a share 0 to 1, a rate per RatePer, a count, days).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'Target';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Lower edge of the tolerance band around the target; null when none is set.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'ToleranceLow';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Upper edge of the tolerance band; null when none is set.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'ToleranceHigh';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the goals file where the indicator starts, for tracing a figure back to its goal; 0 for Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'SourceLine';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that loaded the goals file version; 0 for reference data.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimIndicator', @level2type = N'COLUMN', @level2name = N'LineageKey';
