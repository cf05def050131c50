SELECT CAST(FiscalYear AS VARCHAR(4)) AS Label, 'APPREHENSION' AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'APPREHENSION' AND FiscalYear BETWEEN @earliest AND @fy
GROUP BY FiscalYear
