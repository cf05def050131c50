-- One row per resolved person, fiscal year and component with PD records whose decision date is known: the base of
-- distinct-person counts and of the follow-up of PD recipients. It reads dw.FactDiscretionPersonSummary, which every
-- load rebuilds from the facts, so a report counts some 50,000 rows a year instead of joining each decision to its
-- person's versions and apprehensions (rpt.DiscretionFollowUp keeps that detail, per decision, for analysts).
-- A person is identified across SCD2 versions by dw.DimPerson.PersonId, the key of the person's first version, which
-- every version carries; the pseudonym itself stays in dw.DimPerson, where analysts are denied it. Records whose person
-- could not be resolved (PersonKey 0) cannot be counted as persons, and records whose decision date is unknown belong
-- to no fiscal year. The flags are integers (0 or 1), as in rpt.DiscretionFollowUp, so SUM and MAX work on both engines.
CREATE VIEW rpt.DiscretionPerson
AS
SELECT
    s.FiscalYear,
    c.ComponentCode,
    c.ComponentName,
    s.PersonId,
    s.Decisions,
    s.Records,
    CAST(s.LaterArrested AS INT)  AS LaterArrested,
    CAST(s.LaterConvicted AS INT) AS LaterConvicted
FROM dw.FactDiscretionPersonSummary AS s
JOIN dw.DimComponent AS c ON c.ComponentKey = s.ComponentKey;
