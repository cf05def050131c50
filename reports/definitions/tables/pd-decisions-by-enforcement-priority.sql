SELECT PriorityFramework AS Grp, CASE WHEN IsPriority = 1 THEN CONCAT('Priority ', PriorityCategoryCode) WHEN PriorityCode = 'UNKNOWN' THEN 'Unknown' ELSE 'Not a priority' END AS Label, CAST(ComponentCode AS VARCHAR(200)) AS Col, CAST(SUM(Decisions) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount
WHERE FiscalYear = @fy
GROUP BY PriorityFramework, CASE WHEN IsPriority = 1 THEN CONCAT('Priority ', PriorityCategoryCode) WHEN PriorityCode = 'UNKNOWN' THEN 'Unknown' ELSE 'Not a priority' END, ComponentCode
