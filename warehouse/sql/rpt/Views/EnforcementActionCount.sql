-- Enforcement actions counted by every attribute a Yearbook table is cut by, one row per group of
-- dw.FactEnforcementActionSummary: the same counts as grouping rpt.EnforcementAction (actions with a known
-- event date), read from the summary each load keeps, so a report sums thousands of rows, not millions.
-- The summary carries its dimensions' codes and names, so the view reads one table and DuckDB plans no joins
-- for each of the report's queries.
CREATE VIEW rpt.EnforcementActionCount
AS
SELECT
    s.FiscalYear,
    s.ComponentCode,
    s.ProgramName,
    s.Agency,
    s.OfficeCode,
    s.OfficeName,
    s.OfficeType,
    s.OfficeRegion,
    s.ActionTypeCode,
    s.ActionCategory,
    s.ActionTypeName,
    s.DispositionCode,
    s.NationalityCountryCode,
    s.NationalityCountryName,
    s.NationalityRegion,
    s.CriminalStatus,
    s.Actions
FROM dw.FactEnforcementActionSummary AS s;
