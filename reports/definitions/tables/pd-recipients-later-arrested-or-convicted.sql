SELECT REPLACE(ComponentCode, '-', ' ') AS Label, CAST(COUNT(*) AS BIGINT) AS Persons,
       CAST(COUNT(CASE WHEN LaterArrested = 1 THEN 1 END) AS BIGINT) AS Arrested,
       CAST(COUNT(CASE WHEN LaterConvicted = 1 THEN 1 END) AS BIGINT) AS Convicted,
       CAST(COUNT(CASE WHEN LaterArrested = 1 OR LaterConvicted = 1 THEN 1 END) AS BIGINT) AS Either
FROM rpt.DiscretionPerson
WHERE FiscalYear = @fy AND Decisions > 0
GROUP BY ComponentCode
UNION ALL
SELECT '#TOTAL' AS Label, CAST(COUNT(*) AS BIGINT) AS Persons,
       CAST(COUNT(CASE WHEN p.LaterArrested = 1 THEN 1 END) AS BIGINT) AS Arrested,
       CAST(COUNT(CASE WHEN p.LaterConvicted = 1 THEN 1 END) AS BIGINT) AS Convicted,
       CAST(COUNT(CASE WHEN p.LaterArrested = 1 OR p.LaterConvicted = 1 THEN 1 END) AS BIGINT) AS Either
FROM (SELECT PersonId, MAX(LaterArrested) AS LaterArrested, MAX(LaterConvicted) AS LaterConvicted
      FROM rpt.DiscretionPerson WHERE FiscalYear = @fy AND Decisions > 0 GROUP BY PersonId) AS p
