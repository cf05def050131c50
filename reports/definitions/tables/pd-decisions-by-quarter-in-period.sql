SELECT CONCAT('FY', CAST(FiscalYear AS VARCHAR(4)), ' Q', CAST(FiscalQuarter AS VARCHAR(1))) AS Label,
       ComponentCode AS Col, CAST(COUNT(*) AS BIGINT) AS Value
FROM rpt.DiscretionDecision
WHERE IsRepeatAtLaterStage = 0 AND DecisionDate BETWEEN @periodStart AND @periodEnd
GROUP BY FiscalYear, FiscalQuarter, ComponentCode
