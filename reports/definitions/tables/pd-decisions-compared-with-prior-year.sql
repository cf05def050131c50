SELECT REPLACE(ComponentCode, '-', ' ') AS Label, CAST(FiscalYear AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear BETWEEN @prior AND @fy
GROUP BY REPLACE(ComponentCode, '-', ' '), FiscalYear
