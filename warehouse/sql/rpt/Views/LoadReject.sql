-- Quarantined rows counted by feed and reason (never the rows themselves: RawText may hold identifiers).
CREATE VIEW rpt.LoadReject
AS
SELECT
    l.FeedName,
    l.ComponentCode,
    l.PeriodStart,
    l.PeriodEnd,
    r.ReasonCode,
    COUNT(*)                AS Rejects
FROM etl.Reject AS r
JOIN etl.Lineage AS l ON l.LineageKey = r.LineageKey
GROUP BY l.FeedName, l.ComponentCode, l.PeriodStart, l.PeriodEnd, r.ReasonCode;
