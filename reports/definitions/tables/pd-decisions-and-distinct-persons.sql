SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Records' AS Col, CAST(SUM(Records) AS BIGINT) AS Value FROM rpt.DiscretionDecisionCount WHERE FiscalYear = @fy GROUP BY ComponentCode
UNION ALL
SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Decisions' AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value FROM rpt.DiscretionDecisionCount WHERE FiscalYear = @fy GROUP BY ComponentCode
UNION ALL
SELECT REPLACE(ComponentCode, '-', ' ') AS Label, 'Persons' AS Col, CAST(COUNT(*) AS BIGINT) AS Value FROM rpt.DiscretionPerson WHERE FiscalYear = @fy GROUP BY ComponentCode
UNION ALL
SELECT '#TOTAL' AS Label, 'Persons' AS Col, CAST(COUNT(DISTINCT PersonId) AS BIGINT) AS Value FROM rpt.DiscretionPerson WHERE FiscalYear = @fy
