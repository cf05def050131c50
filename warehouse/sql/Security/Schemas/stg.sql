CREATE SCHEMA stg AUTHORIZATION dbo;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Staging: typed copies of component feeds, one table per feed; every column nullable, plus the loading batch and the source line.', @level0type = N'SCHEMA', @level0name = N'stg';
