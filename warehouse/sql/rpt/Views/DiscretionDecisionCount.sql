-- PD decisions counted by every attribute a PD table is cut by. Decisions counts a decision once
-- (IsRepeatAtLaterStage = 0); Records counts every recorded row, so the two differ by the repeats
-- the OIG found when the same decision is recorded again at a later stage. Read from
-- dw.FactDiscretionDecisionSummary, which each load keeps equal to the facts (records with a known
-- decision date), so this is what grouping rpt.DiscretionDecision gives, at the cost of the summary's rows.
CREATE VIEW rpt.DiscretionDecisionCount
AS
SELECT
    s.FiscalYear,
    s.FiscalQuarter,
    c.ComponentCode,
    c.ComponentName,
    c.Agency,
    o.OfficeCode,
    o.OfficeName,
    o.OfficeType,
    dd.ActionCode,
    dd.ActionName,
    dd.BasisCode,
    dd.BasisName,
    dd.RemovalProcessEffect,
    p.PolicyCode,
    p.PolicyTitle,
    ep.PriorityCode,
    ep.Framework            AS PriorityFramework,
    ep.CategoryCode         AS PriorityCategoryCode,
    ep.IsPriority,
    co.CountryCode          AS CitizenshipCountryCode,
    co.CountryName          AS CitizenshipCountryName,
    co.Region               AS CitizenshipRegion,
    s.Decisions,
    s.Records
FROM dw.FactDiscretionDecisionSummary AS s
JOIN dw.DimComponent AS c ON c.ComponentKey = s.ComponentKey
JOIN dw.DimOffice AS o ON o.OfficeKey = s.OfficeKey
JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = s.DiscretionDecisionKey
JOIN dw.DimPolicy AS p ON p.PolicyKey = s.PolicyKey
JOIN dw.DimEnforcementPriority AS ep ON ep.EnforcementPriorityKey = s.EnforcementPriorityKey
JOIN dw.DimCountry AS co ON co.CountryKey = s.CitizenshipCountryKey;
