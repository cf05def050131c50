/*
  PdWarehouse pre-deployment script: runs before the schema changes DacFx computed.
  Kept deliberately small: schema changes belong in the object files, reference data in the
  generated post-deployment script.
*/
PRINT N'PdWarehouse: deploying schema to ' + DB_NAME() + N' at ' + CONVERT(NVARCHAR(30), SYSUTCDATETIME(), 126) + N' UTC';
