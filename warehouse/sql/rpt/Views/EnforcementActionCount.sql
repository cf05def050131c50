-- Enforcement actions counted by every attribute a Yearbook enforcement table is cut by: the reports
-- read only this, so an analyst summing it gets exactly the published figures (before suppression).
CREATE VIEW rpt.EnforcementActionCount
AS
SELECT
    e.FiscalYear,
    e.FiscalQuarter,
    e.ActionCategory,
    e.ComponentCode,
    e.ProgramName,
    e.Agency,
    e.OfficeCode,
    e.OfficeName,
    e.OfficeType,
    e.OfficeRegion,
    e.NationalityCountryCode,
    e.NationalityCountryName,
    e.NationalityRegion,
    e.CriminalStatus,
    COUNT(*)                AS Actions
FROM rpt.EnforcementAction AS e
GROUP BY
    e.FiscalYear, e.FiscalQuarter, e.ActionCategory, e.ComponentCode, e.ProgramName, e.Agency,
    e.OfficeCode, e.OfficeName, e.OfficeType, e.OfficeRegion,
    e.NationalityCountryCode, e.NationalityCountryName, e.NationalityRegion, e.CriminalStatus;
