SELECT NationalityRegion AS Grp, NationalityCountryName AS Label, NationalityCountryCode AS Code, CAST(CriminalStatus AS VARCHAR(200)) AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'REMOVAL' AND FiscalYear = @fy
GROUP BY NationalityRegion, NationalityCountryName, NationalityCountryCode, CriminalStatus
