SELECT CASE WHEN p.Records = 1 THEN '1 record' WHEN p.Records = 2 THEN '2 records' ELSE '3 or more records' END AS Label,
       CAST(COUNT(*) AS BIGINT) AS Persons, CAST(SUM(p.Records) AS BIGINT) AS Records
FROM (SELECT PersonId, SUM(Records) AS Records FROM rpt.DiscretionPerson WHERE FiscalYear = @fy GROUP BY PersonId) AS p
GROUP BY CASE WHEN p.Records = 1 THEN '1 record' WHEN p.Records = 2 THEN '2 records' ELSE '3 or more records' END
