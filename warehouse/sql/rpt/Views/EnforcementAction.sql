-- One row per enforcement action with its dimensions spelt out. The Yearbook tables count the same actions through
-- rpt.EnforcementActionCount (the summary each load keeps); this view is for analysts who need the rows.
CREATE VIEW rpt.EnforcementAction
AS
SELECT
    f.EnforcementActionRecordKey,
    f.SourceSystem,
    d.Date                  AS EventDate,
    d.FiscalYear,
    d.FiscalQuarter,
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
    ps.StageCode,
    ep.PriorityCode,
    co.CountryCode          AS NationalityCountryCode,
    co.CountryName          AS NationalityCountryName,
    co.Region               AS NationalityRegion,
    f.CriminalStatus,
    f.ThreatLevel,
    f.ArrestMethod,
    f.PersonKey
FROM dw.FactEnforcementAction AS f
JOIN dw.DimDate AS d ON d.DateKey = f.EventDateKey
JOIN dw.DimComponent AS c ON c.ComponentKey = f.ComponentKey
JOIN dw.DimOffice AS o ON o.OfficeKey = f.OfficeKey
JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = f.EnforcementActionTypeKey
JOIN dw.DimProcessStage AS ps ON ps.ProcessStageKey = f.ProcessStageKey
JOIN dw.DimEnforcementPriority AS ep ON ep.EnforcementPriorityKey = f.EnforcementPriorityKey
JOIN dw.DimCountry AS co ON co.CountryKey = f.NationalityCountryKey;
