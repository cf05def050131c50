SELECT BasisName AS Label, CAST(ComponentCode AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy
GROUP BY BasisName, ComponentCode
