-- DACA requests counted by fiscal year of receipt, type, latest status, referral source (CBP, ICE or
-- SELF when no component referred the person), service center and citizenship. Read from
-- dw.FactDeferredActionRequestSummary, which each load keeps equal to the facts, so a report sums a few
-- thousand rows instead of joining every request to six dimensions: 40-60 ms a query on 820,000 requests
-- before, a few milliseconds now (bench/README.md). DecisionFiscalYear is NULL while a request awaits a decision.
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
    SUM(s.Requests)         AS Requests
FROM dw.FactDeferredActionRequestSummary AS s
GROUP BY s.FiscalYear, CASE WHEN s.DecisionFiscalYear = 0 THEN NULL ELSE s.DecisionFiscalYear END, s.RequestType, s.RequestStatus,
    CASE WHEN s.ReferralComponentKey = 0 THEN 'SELF' ELSE s.ReferralAgency END, s.ServiceCenterCode, s.ServiceCenterName, s.CitizenshipRegion;
