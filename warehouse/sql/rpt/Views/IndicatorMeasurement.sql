-- The measured value of each current policy indicator, with its goal beside it: what the monitoring report and
-- analysts read. etl.IndicatorMeasurement holds only the current goals file version's indicators.
CREATE VIEW rpt.IndicatorMeasurement
AS
SELECT
    i.IndicatorId,
    i.Statement,
    p.PolicyCode,
    i.MeasureKind,
    i.Direction,
    i.Target,
    i.ToleranceLow,
    i.ToleranceHigh,
    m.PeriodType,
    m.PeriodStart,
    m.PeriodEnd,
    m.FiscalYear,
    m.IsPartialPeriod,
    m.BreakdownLevel,
    c.ComponentCode,
    o.OfficeCode,
    o.OfficeName,
    m.Numerator,
    m.Denominator,
    m.Value,
    m.IntervalLow,
    m.IntervalHigh,
    m.RecordsInScope,
    m.RecordsComplete,
    m.Completeness,
    g.FileVersion           AS GoalsVersion,
    m.LineageKey
FROM etl.IndicatorMeasurement AS m
JOIN dw.DimIndicator AS i ON i.IndicatorKey = m.IndicatorKey
JOIN etl.GoalFile AS g ON g.GoalFileKey = i.GoalFileKey
JOIN dw.DimPolicy AS p ON p.PolicyKey = i.PolicyKey
LEFT JOIN dw.DimComponent AS c ON c.ComponentKey = m.ComponentKey
LEFT JOIN dw.DimOffice AS o ON o.OfficeKey = m.OfficeKey;
