-- One row per PD decision (repeats at later stages excluded) of a resolved person, with whether that
-- person was later apprehended or arrested (any enforcement apprehension after the decision date) and
-- whether a later version of the person records a criminal conviction the person did not have when
-- the decision was made. Persons are matched across SCD2 versions by the keyed hash.
CREATE VIEW rpt.DiscretionFollowUp
AS
SELECT
    d.FiscalYear,
    d.DecisionDate,
    d.ComponentCode,
    d.ComponentName,
    p.PersonHash            AS PersonId,
    CASE WHEN EXISTS (
        SELECT 1
        FROM dw.FactEnforcementAction AS f
        JOIN dw.DimPerson AS fp ON fp.PersonKey = f.PersonKey
        JOIN dw.DimDate AS fd ON fd.DateKey = f.EventDateKey
        JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = f.EnforcementActionTypeKey
        WHERE fp.PersonHash = p.PersonHash
          AND t.ActionCategory = 'APPREHENSION'
          AND f.EventDateKey <> 0
          AND fd.Date > d.DecisionDate)
        THEN 1 ELSE 0 END   AS LaterArrested,
    CASE WHEN p.CriminalStatus <> 'CRIMINAL' AND EXISTS (
        SELECT 1
        FROM dw.DimPerson AS lp
        WHERE lp.PersonHash = p.PersonHash
          AND lp.CriminalStatus = 'CRIMINAL'
          AND lp.ValidFrom > d.DecisionDate)
        THEN 1 ELSE 0 END   AS LaterConvicted
FROM rpt.DiscretionDecision AS d
JOIN dw.DimPerson AS p ON p.PersonKey = d.PersonKey
WHERE d.PersonKey <> 0
  AND d.IsRepeatAtLaterStage = 0;
