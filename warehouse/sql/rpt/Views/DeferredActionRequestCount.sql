-- DACA requests counted by fiscal year of receipt, type, latest status, referral source (CBP, ICE or
-- SELF when no component referred the person), service center and citizenship. Read from
-- dw.FactDeferredActionRequestSummary, which each load keeps equal to the facts whose receipt date is known
-- (a load extends the date dimension to every receipt date it accepts, so only a warehouse loaded before that kept
-- requests under the Unknown date, in no fiscal year; rpt.DeferredActionRequest lists them), so a report sums a few thousand rows instead of
-- joining every request to six dimensions: 40-63 ms a query on 820,723 requests before, a few milliseconds
-- now (bench/README.md). DecisionFiscalYear is NULL while a request awaits a decision. Requests is an INT,
-- as COUNT gave on SQL Server.
CREATE VIEW rpt.DeferredActionRequestCount
AS
SELECT
    s.FiscalYear            AS ReceiptFiscalYear,
    CASE WHEN s.DecisionFiscalYear = 0 THEN NULL ELSE s.DecisionFiscalYear END AS DecisionFiscalYear,
    s.RequestType,
    s.RequestStatus,
    CASE WHEN s.ReferralComponentKey = 0 THEN 'SELF' ELSE s.ReferralAgency END AS ReferralSource,
    s.ServiceCenterCode,
    s.ServiceCenterName,
    s.CitizenshipRegion,
    CAST(SUM(s.Requests) AS INT) AS Requests
FROM dw.FactDeferredActionRequestSummary AS s
GROUP BY s.FiscalYear, CASE WHEN s.DecisionFiscalYear = 0 THEN NULL ELSE s.DecisionFiscalYear END, s.RequestType, s.RequestStatus,
    CASE WHEN s.ReferralComponentKey = 0 THEN 'SELF' ELSE s.ReferralAgency END, s.ServiceCenterCode, s.ServiceCenterName, s.CitizenshipRegion;
