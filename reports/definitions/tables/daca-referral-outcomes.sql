SELECT CASE ReferralSource WHEN 'CBP' THEN 'Referred by CBP' WHEN 'ICE' THEN 'Referred by ICE' ELSE 'Self-initiated' END AS Label, CAST(RequestStatus AS VARCHAR(200)) AS Col, CAST(SUM(Requests) AS BIGINT) AS Value
FROM rpt.DeferredActionRequestCount
WHERE ReceiptFiscalYear = @fy
GROUP BY CASE ReferralSource WHEN 'CBP' THEN 'Referred by CBP' WHEN 'ICE' THEN 'Referred by ICE' ELSE 'Self-initiated' END, RequestStatus
