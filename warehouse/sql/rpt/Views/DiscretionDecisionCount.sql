-- PD decisions counted by every attribute a PD table is cut by. Decisions counts a decision once
-- (IsRepeatAtLaterStage = 0); Records counts every recorded row, so the two differ by the repeats
-- the OIG found when the same decision is recorded again at a later stage. Read from
-- dw.FactDiscretionDecisionSummary, which each load keeps equal to the facts (records with a known
-- decision date), so this is what grouping rpt.DiscretionDecision gives, at the cost of the summary's rows.
-- The summary carries its dimensions' codes and names, so the view reads one table: joining the six
-- dimensions here cost DuckDB 6–8 ms per report query, the summary alone about 2 ms (bench/README.md).
CREATE VIEW rpt.DiscretionDecisionCount
AS
SELECT
    s.FiscalYear,
    s.FiscalQuarter,
    s.ComponentCode,
    s.ComponentName,
    s.Agency,
    s.OfficeCode,
    s.OfficeName,
    s.OfficeType,
    s.ActionCode,
    s.ActionName,
    s.BasisCode,
    s.BasisName,
    s.RemovalProcessEffect,
    s.PolicyCode,
    s.PolicyTitle,
    s.PriorityCode,
    s.PriorityFramework,
    s.PriorityCategoryCode,
    s.IsPriority,
    s.CitizenshipCountryCode,
    s.CitizenshipCountryName,
    s.CitizenshipRegion,
    s.Decisions,
    s.Records
FROM dw.FactDiscretionDecisionSummary AS s;
