SELECT CONCAT('Quarter ', CAST(FiscalQuarter AS VARCHAR(1))) AS Label, CAST(ComponentCode AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy
GROUP BY CONCAT('Quarter ', CAST(FiscalQuarter AS VARCHAR(1))), ComponentCode
