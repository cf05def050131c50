-- PD decisions counted by every attribute a PD table is cut by. Decisions counts a decision once
-- (IsRepeatAtLaterStage = 0); Records counts every recorded row, so the two differ by the repeats
-- the OIG found when the same decision is recorded again at a later stage.
CREATE VIEW rpt.DiscretionDecisionCount
AS
SELECT
    d.FiscalYear,
    d.FiscalQuarter,
    d.ComponentCode,
    d.ComponentName,
    d.Agency,
    d.OfficeCode,
    d.OfficeName,
    d.OfficeType,
    d.ActionCode,
    d.ActionName,
    d.BasisCode,
    d.BasisName,
    d.RemovalProcessEffect,
    d.PolicyCode,
    d.PolicyTitle,
    d.PriorityCode,
    d.PriorityFramework,
    d.PriorityCategoryCode,
    d.IsPriority,
    d.CitizenshipCountryCode,
    d.CitizenshipCountryName,
    d.CitizenshipRegion,
    SUM(CASE WHEN d.IsRepeatAtLaterStage = 0 THEN 1 ELSE 0 END) AS Decisions,
    COUNT(*)                AS Records
FROM rpt.DiscretionDecision AS d
GROUP BY
    d.FiscalYear, d.FiscalQuarter, d.ComponentCode, d.ComponentName, d.Agency,
    d.OfficeCode, d.OfficeName, d.OfficeType, d.ActionCode, d.ActionName, d.BasisCode, d.BasisName,
    d.RemovalProcessEffect, d.PolicyCode, d.PolicyTitle, d.PriorityCode, d.PriorityFramework,
    d.PriorityCategoryCode, d.IsPriority, d.CitizenshipCountryCode, d.CitizenshipCountryName, d.CitizenshipRegion;
