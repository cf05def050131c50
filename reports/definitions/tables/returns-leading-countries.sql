SELECT NationalityCountryName AS Label, CAST(FiscalYear AS VARCHAR(200)) AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'RETURN' AND FiscalYear BETWEEN @prior AND @fy
GROUP BY NationalityCountryName, FiscalYear
