SELECT OfficeRegion AS Grp, OfficeName AS Label, CAST(FiscalYear AS VARCHAR(200)) AS Col, CAST(SUM(Actions) AS BIGINT) AS Value
FROM rpt.EnforcementActionCount
WHERE ActionCategory = 'APPREHENSION' AND ComponentCode = 'CBP-USBP' AND FiscalYear BETWEEN @first AND @fy
GROUP BY OfficeRegion, OfficeName, FiscalYear
