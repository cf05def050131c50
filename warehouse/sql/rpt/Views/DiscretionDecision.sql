-- One row per recorded PD decision, with every dimension spelt out: the base of rpt.DiscretionFollowUp. The PD count
-- tables read rpt.DiscretionDecisionCount and the person tables rpt.DiscretionPerson, from the summaries each load keeps.
-- Written in the SQL both engines share (no brackets, no engine-specific functions): DuckDB runs this text as is.
CREATE VIEW rpt.DiscretionDecision
AS
SELECT
    f.DiscretionDecisionRecordKey,
    f.SourceSystem,
    d.Date                  AS DecisionDate,
    d.FiscalYear,
    d.FiscalQuarter,
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
    ep.PriorityLevel,
    ep.CategoryCode         AS PriorityCategoryCode,
    ep.IsPriority,
    ps.StageCode,
    ps.StageName,
    co.CountryCode          AS CitizenshipCountryCode,
    co.CountryName          AS CitizenshipCountryName,
    co.Region               AS CitizenshipRegion,
    f.PersonKey,
    f.PersonDecisionSequence,
    f.IsRepeatAtLaterStage
FROM dw.FactDiscretionDecision AS f
JOIN dw.DimDate AS d ON d.DateKey = f.DecisionDateKey
JOIN dw.DimComponent AS c ON c.ComponentKey = f.ComponentKey
JOIN dw.DimOffice AS o ON o.OfficeKey = f.OfficeKey
JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = f.DiscretionDecisionKey
JOIN dw.DimPolicy AS p ON p.PolicyKey = f.PolicyKey
JOIN dw.DimEnforcementPriority AS ep ON ep.EnforcementPriorityKey = f.EnforcementPriorityKey
JOIN dw.DimProcessStage AS ps ON ps.ProcessStageKey = f.ProcessStageKey
JOIN dw.DimCountry AS co ON co.CountryKey = f.CitizenshipCountryKey;
