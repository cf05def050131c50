SELECT NationalityRegion AS Grp, NationalityCountryName AS Label, NationalityCountryCode AS Code, CAST(FiscalYear AS VARCHAR(200)) AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'INADMISSIBLE' AND FiscalYear BETWEEN @first AND @fy
GROUP BY NationalityRegion, NationalityCountryName, NationalityCountryCode, FiscalYear
