SELECT ComponentName AS Grp, OfficeName AS Label, CAST(RemovalProcessEffect AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy
GROUP BY ComponentName, OfficeName, RemovalProcessEffect
