-- Figures OIS published, one row per Yearbook table, fiscal year and measure, with the citation a reader needs to find
-- each one; the long-series report tables read their years before the microdata from here (docs/reports.md).
CREATE VIEW rpt.PublishedFigure
AS
SELECT
    p.TableNumber,
    p.FiscalYear,
    p.Measure,
    p.Value,
    p.Publisher,
    p.Publication,
    p.Edition,
    p.SourceTable,
    p.SourceNote,
    -- As OIS cites its own tables: "DHS Office of Immigration Statistics, 2014 Yearbook of Immigration Statistics, Table 39".
    CONCAT(p.Publisher, ', ', p.Edition, ' ', p.Publication, ', ', p.SourceTable,
        CASE WHEN p.SourceNote IS NULL THEN '' ELSE CONCAT(' (', p.SourceNote, ')') END) AS Citation,
    p.LineageKey
FROM dw.PublishedFigure AS p;
