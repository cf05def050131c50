-- Figures OIS published, one row per Yearbook table, fiscal year and measure, with the citation a reader needs to find
-- each one; the long-series report tables read their years before the microdata from here (docs/reports.md).
CREATE VIEW rpt.PublishedFigure
AS
SELECT
    p.TableNumber,
    p.FiscalYear,
    p.Measure,
    p.Value,
    p.Publication,
    p.Edition,
    p.SourceTable,
    p.SourceNote,
    p.LineageKey
FROM dw.PublishedFigure AS p;
