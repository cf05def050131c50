-- Each manifest control total beside the count loaded, for the reconciliation table.
CREATE VIEW rpt.LoadControlTotal
AS
SELECT
    l.FeedName,
    l.ComponentCode,
    l.DeliveryName,
    l.PeriodStart,
    l.PeriodEnd,
    c.MeasureName,
    c.ReportedValue,
    c.LoadedValue,
    c.Difference
FROM etl.ControlTotal AS c
JOIN etl.Lineage AS l ON l.LineageKey = c.LineageKey;
