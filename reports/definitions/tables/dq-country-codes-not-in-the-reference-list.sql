SELECT c.CountryCode AS Label, 'EnforcementActions' AS Col, CAST(SUM(e.Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount AS e
JOIN rpt.Country AS c ON c.CountryCode = e.NationalityCountryCode
WHERE c.IsInReferenceList = 0 AND e.FiscalYear = @fy
GROUP BY c.CountryCode
UNION ALL
SELECT c.CountryCode AS Label, 'DiscretionRecords' AS Col, CAST(SUM(d.Records) AS BIGINT) AS Value
FROM rpt.DiscretionDecisionCount AS d
JOIN rpt.Country AS c ON c.CountryCode = d.CitizenshipCountryCode
WHERE c.IsInReferenceList = 0 AND d.FiscalYear = @fy
GROUP BY c.CountryCode
UNION ALL
SELECT c.CountryCode AS Label, 'DacaRequests' AS Col, CAST(COUNT(*) AS BIGINT) AS Value
FROM rpt.DeferredActionRequest AS r
JOIN rpt.Country AS c ON c.CountryCode = r.CitizenshipCountryCode
WHERE c.IsInReferenceList = 0 AND r.ReceiptFiscalYear = @fy
GROUP BY c.CountryCode
