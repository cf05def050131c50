-- One row per DACA request with receipt, acceptance and decision fiscal years and the referral source.
CREATE VIEW rpt.DeferredActionRequest
AS
SELECT
    f.DeferredActionRequestRecordKey,
    f.RequestType,
    f.RequestStatus,
    rd.Date                 AS ReceiptDate,
    rd.FiscalYear           AS ReceiptFiscalYear,
    ad.Date                 AS AcceptedDate,
    CASE WHEN f.AcceptedDateKey = 0 THEN NULL ELSE ad.FiscalYear END AS AcceptedFiscalYear,
    dd.Date                 AS DecisionDate,
    CASE WHEN f.DecisionDateKey = 0 THEN NULL ELSE dd.FiscalYear END AS DecisionFiscalYear,
    CASE WHEN f.ReferralComponentKey = 0 THEN 'SELF' ELSE rc.Agency END AS ReferralSource,
    o.OfficeCode            AS ServiceCenterCode,
    o.OfficeName            AS ServiceCenterName,
    co.CountryCode          AS CitizenshipCountryCode,
    co.CountryName          AS CitizenshipCountryName,
    co.Region               AS CitizenshipRegion,
    f.PersonKey
FROM dw.FactDeferredActionRequest AS f
JOIN dw.DimDate AS rd ON rd.DateKey = f.ReceiptDateKey
JOIN dw.DimDate AS ad ON ad.DateKey = f.AcceptedDateKey
JOIN dw.DimDate AS dd ON dd.DateKey = f.DecisionDateKey
JOIN dw.DimComponent AS rc ON rc.ComponentKey = f.ReferralComponentKey
JOIN dw.DimOffice AS o ON o.OfficeKey = f.ServiceCenterOfficeKey
JOIN dw.DimCountry AS co ON co.CountryKey = f.CitizenshipCountryKey;
