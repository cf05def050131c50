CREATE SCHEMA dw AUTHORIZATION dbo;
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Dimensional model: conformed dimensions and facts.', @level0type = N'SCHEMA', @level0name = N'dw';
