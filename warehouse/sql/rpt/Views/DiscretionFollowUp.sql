-- One row per PD decision (repeats at later stages excluded) of a resolved person, with whether that
-- person was later apprehended or arrested (an enforcement apprehension after the decision date) and
-- whether a later version of the person records a criminal conviction the person did not have when
-- the decision was made. Persons are matched across SCD2 versions by the keyed hash, which the view
-- never shows (analysts are denied it): PersonId is the key of the person's first version.
-- "Is there a later event" is asked as "is the person's latest event after the decision": one grouped
-- join instead of a correlated lookup per decision, which matters at millions of enforcement rows.
CREATE VIEW rpt.DiscretionFollowUp
AS
SELECT
    d.FiscalYear,
    d.DecisionDate,
    d.ComponentCode,
    d.ComponentName,
    pid.PersonId,
    CASE WHEN la.LastApprehensionDate > d.DecisionDate THEN 1 ELSE 0 END AS LaterArrested,
    CASE WHEN p.CriminalStatus <> 'CRIMINAL' AND lc.LastConvictionFrom > d.DecisionDate THEN 1 ELSE 0 END AS LaterConvicted
FROM rpt.DiscretionDecision AS d
JOIN dw.DimPerson AS p ON p.PersonKey = d.PersonKey
JOIN (
    SELECT PersonHash, MIN(PersonKey) AS PersonId
    FROM dw.DimPerson
    GROUP BY PersonHash
) AS pid ON pid.PersonHash = p.PersonHash
LEFT JOIN (
    SELECT fp.PersonHash, MAX(fd.Date) AS LastApprehensionDate
    FROM dw.FactEnforcementAction AS f
    JOIN dw.DimPerson AS fp ON fp.PersonKey = f.PersonKey
    JOIN dw.DimDate AS fd ON fd.DateKey = f.EventDateKey
    JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = f.EnforcementActionTypeKey
    WHERE f.PersonKey <> 0
      AND f.EventDateKey <> 0
      AND t.ActionCategory = 'APPREHENSION'
    GROUP BY fp.PersonHash
) AS la ON la.PersonHash = p.PersonHash
LEFT JOIN (
    SELECT lp.PersonHash, MAX(lp.ValidFrom) AS LastConvictionFrom
    FROM dw.DimPerson AS lp
    WHERE lp.CriminalStatus = 'CRIMINAL'
    GROUP BY lp.PersonHash
) AS lc ON lc.PersonHash = p.PersonHash
WHERE d.PersonKey <> 0
  AND d.IsRepeatAtLaterStage = 0;
