SELECT CAST(FiscalYear AS VARCHAR(4)) AS Label, ActionCategory AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory IN ('REMOVAL', 'RETURN') AND FiscalYear BETWEEN @earliest AND @fy
GROUP BY FiscalYear, ActionCategory
