SELECT CONCAT(SUBSTRING(RequestStatus, 1, 1), LOWER(SUBSTRING(RequestStatus, 2, 20))) AS Label, CAST(ReferralSource AS VARCHAR(200)) AS Col, CAST(SUM(Requests) AS BIGINT) AS Value
FROM rpt.DeferredActionRequestCount
WHERE ReceiptFiscalYear = @fy
GROUP BY CONCAT(SUBSTRING(RequestStatus, 1, 1), LOWER(SUBSTRING(RequestStatus, 2, 20))), ReferralSource
