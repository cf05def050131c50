-- Data tests run after each batch, by feed, type and severity, with the tests that failed.
CREATE VIEW rpt.LoadDataTest
AS
SELECT
    l.FeedName,
    l.ComponentCode,
    l.PeriodStart,
    l.PeriodEnd,
    q.TestType,
    q.Severity,
    COUNT(*)                AS Tests,
    SUM(CASE WHEN q.Passed = 0 THEN 1 ELSE 0 END) AS FailedTests,
    SUM(q.FailingRows)      AS FailingRows
FROM etl.DataQualityResult AS q
JOIN etl.Lineage AS l ON l.LineageKey = q.LineageKey
GROUP BY l.FeedName, l.ComponentCode, l.PeriodStart, l.PeriodEnd, q.TestType, q.Severity;
