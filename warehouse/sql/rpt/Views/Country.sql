-- Every country of nationality the warehouse holds, with its OIS region and whether the reference list holds it: the
-- Yearbook's nationality tables print every listed country (a zero as "-"), codes kept unlisted on their "Other" line.
CREATE VIEW rpt.Country
AS
SELECT
    c.CountryCode,
    c.CountryName,
    c.Region,
    c.IsWithdrawn,
    c.IsInReferenceList
FROM dw.DimCountry AS c
WHERE c.CountryKey <> 0;
