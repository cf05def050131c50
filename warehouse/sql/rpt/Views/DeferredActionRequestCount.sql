-- DACA requests counted by fiscal year of receipt, type, latest status, referral source (CBP, ICE or
-- SELF when no component referred the person), service center and citizenship.
CREATE VIEW rpt.DeferredActionRequestCount
AS
SELECT
    r.ReceiptFiscalYear,
    r.DecisionFiscalYear,
    r.RequestType,
    r.RequestStatus,
    r.ReferralSource,
    r.ServiceCenterCode,
    r.ServiceCenterName,
    r.CitizenshipRegion,
    COUNT(*)                AS Requests
FROM rpt.DeferredActionRequest AS r
GROUP BY r.ReceiptFiscalYear, r.DecisionFiscalYear, r.RequestType, r.RequestStatus, r.ReferralSource,
    r.ServiceCenterCode, r.ServiceCenterName, r.CitizenshipRegion;
