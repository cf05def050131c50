SELECT OfficeType AS Grp, OfficeName AS Label, 'Apprehensions' AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE FiscalYear = @fy AND ActionCategory = 'APPREHENSION' AND OfficeType IN ('Border Patrol sector', 'ERO area of responsibility')
GROUP BY OfficeType, OfficeName
UNION ALL
SELECT OfficeType AS Grp, OfficeName AS Label, 'Decisions' AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy AND OfficeType IN ('Border Patrol sector', 'ERO area of responsibility')
GROUP BY OfficeType, OfficeName
