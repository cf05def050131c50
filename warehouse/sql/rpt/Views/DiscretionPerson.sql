-- One row per resolved person, fiscal year and component with PD records: the base of distinct-person
-- counts. A person is identified across SCD2 versions by dw.DimPerson.PersonId, the key of the person's
-- first version, which every version carries; the pseudonym itself stays in dw.DimPerson, where analysts
-- are denied it. Records whose person could not be resolved (PersonKey 0) cannot be counted as persons.
CREATE VIEW rpt.DiscretionPerson
AS
SELECT
    d.FiscalYear,
    d.ComponentCode,
    d.ComponentName,
    p.PersonId,
    SUM(CASE WHEN d.IsRepeatAtLaterStage = 0 THEN 1 ELSE 0 END) AS Decisions,
    COUNT(*)                AS Records
FROM rpt.DiscretionDecision AS d
JOIN dw.DimPerson AS p ON p.PersonKey = d.PersonKey
WHERE d.PersonKey <> 0
GROUP BY d.FiscalYear, d.ComponentCode, d.ComponentName, p.PersonId;
