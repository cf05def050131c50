CREATE SCHEMA rpt AUTHORIZATION dbo;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Views read by the reports and analysts; person-level identifiers never appear here.', @level0type = N'SCHEMA', @level0name = N'rpt';
