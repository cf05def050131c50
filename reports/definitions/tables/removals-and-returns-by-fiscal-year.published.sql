SELECT CAST(FiscalYear AS VARCHAR(4)) AS Label, Measure AS Col, CAST(Value AS BIGINT) AS Value, Citation
FROM rpt.PublishedFigure
WHERE TableNumber = '39' AND Measure IN ('REMOVAL', 'RETURN') AND FiscalYear <= @fy
