SELECT CitizenshipRegion AS Grp, CitizenshipCountryName AS Label, CitizenshipCountryCode AS Code, CAST(ComponentCode AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy
GROUP BY CitizenshipRegion, CitizenshipCountryName, CitizenshipCountryCode, ComponentCode
