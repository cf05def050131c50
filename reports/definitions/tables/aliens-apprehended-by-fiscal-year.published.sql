SELECT CAST(FiscalYear AS VARCHAR(4)) AS Label, 'APPREHENSION' AS Col, CAST(Value AS BIGINT) AS Value, Citation
FROM rpt.PublishedFigure
WHERE TableNumber = '33' AND Measure = 'APPREHENSION' AND FiscalYear <= @fy
