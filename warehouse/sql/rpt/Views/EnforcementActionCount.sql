-- Enforcement actions counted by every attribute a Yearbook table is cut by, one row per group of
-- dw.FactEnforcementActionSummary: the same counts as grouping rpt.EnforcementAction (actions with a known
-- event date), read from the summary each load keeps, so a report sums thousands of rows, not millions.
CREATE VIEW rpt.EnforcementActionCount
AS
SELECT
    s.FiscalYear,
    c.ComponentCode,
    c.ProgramName,
    c.Agency,
    o.OfficeCode,
    o.OfficeName,
    o.OfficeType,
    o.OfficeRegion,
    t.ActionTypeCode,
    t.ActionCategory,
    t.ActionTypeName,
    t.DispositionCode,
    co.CountryCode          AS NationalityCountryCode,
    co.CountryName          AS NationalityCountryName,
    co.Region               AS NationalityRegion,
    s.CriminalStatus,
    s.Actions
FROM dw.FactEnforcementActionSummary AS s
JOIN dw.DimComponent AS c ON c.ComponentKey = s.ComponentKey
JOIN dw.DimOffice AS o ON o.OfficeKey = s.OfficeKey
JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = s.EnforcementActionTypeKey
JOIN dw.DimCountry AS co ON co.CountryKey = s.NationalityCountryKey;
