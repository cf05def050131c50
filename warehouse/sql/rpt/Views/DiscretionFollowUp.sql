-- One row per PD decision (repeats at later stages excluded) of a resolved person, with whether that
-- person was later apprehended or arrested (an enforcement apprehension after the decision date) and
-- whether a later version of the person records a criminal conviction the person did not have when
-- the decision was made. Persons are matched across SCD2 versions by dw.DimPerson.PersonId, the key of
-- the person's first version (the keyed hash, which analysts are denied, is never read).
-- Each decision is joined to every version of its person and to those versions' apprehensions, then
-- grouped back to one row: a filter on FiscalYear reaches the decisions first, so a query reads the
-- apprehensions of that year's PD recipients only, not a per-person summary of every apprehension ever
-- loaded (7.1 M rows loaded: 0.3 s instead of 8.0 s; bench/README.md). The reports read the same flags per
-- person from rpt.DiscretionPerson, which each load keeps (dw.FactDiscretionPersonSummary); this view is the
-- per-decision detail behind them, for analysts.
CREATE VIEW rpt.DiscretionFollowUp
AS
SELECT
    d.FiscalYear,
    d.DecisionDate,
    d.ComponentCode,
    d.ComponentName,
    p.PersonId,
    MAX(CASE WHEN la.EventDate > d.DecisionDate THEN 1 ELSE 0 END) AS LaterArrested,
    MAX(CASE WHEN p.CriminalStatus <> 'CRIMINAL' AND pv.CriminalStatus = 'CRIMINAL' AND pv.ValidFrom > d.DecisionDate THEN 1 ELSE 0 END) AS LaterConvicted
FROM rpt.DiscretionDecision AS d
JOIN dw.DimPerson AS p ON p.PersonKey = d.PersonKey
JOIN dw.DimPerson AS pv ON pv.PersonId = p.PersonId
LEFT JOIN (
    SELECT f.PersonKey, fd.Date AS EventDate
    FROM dw.FactEnforcementAction AS f
    JOIN dw.DimDate AS fd ON fd.DateKey = f.EventDateKey
    JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = f.EnforcementActionTypeKey
    WHERE f.PersonKey <> 0
      AND f.EventDateKey <> 0
      AND t.ActionCategory = 'APPREHENSION'
) AS la ON la.PersonKey = pv.PersonKey
WHERE d.PersonKey <> 0
  AND d.IsRepeatAtLaterStage = 0
GROUP BY d.DiscretionDecisionRecordKey, d.FiscalYear, d.DecisionDate, d.ComponentCode, d.ComponentName, p.PersonId;
