SELECT OfficeName AS Label, CAST(FiscalYear AS VARCHAR(200)) AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'BOOKIN' AND FiscalYear BETWEEN @prior AND @fy
GROUP BY OfficeName, FiscalYear
