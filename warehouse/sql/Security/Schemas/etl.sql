CREATE SCHEMA etl AUTHORIZATION dbo;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Load control: lineage (one row per batch), rejects, data-quality results and control totals.', @level0type = N'SCHEMA', @level0name = N'etl';
