CREATE TABLE etl.DataQualityResult
(
    DataQualityResultKey BIGINT        NOT NULL,
    LineageKey          INT            NOT NULL,
    TestName            VARCHAR(200)   NOT NULL,
    TestType            VARCHAR(30)    NOT NULL,  -- UNIQUE, NOT-NULL, RELATIONSHIP, ACCEPTED-VALUES, EXPRESSION, CONFORMANCE
    TableName           VARCHAR(128)   NOT NULL,
    ColumnName          VARCHAR(128)   NULL,
    Severity            VARCHAR(10)    NOT NULL,  -- ERROR fails the batch, WARN is reported
    FailingRows         BIGINT         NOT NULL,
    Passed              BIT            NOT NULL,
    CheckedAt           DATETIME2(3)   NOT NULL,
    CONSTRAINT PK_DataQualityResult PRIMARY KEY CLUSTERED (DataQualityResultKey),
    CONSTRAINT FK_DataQualityResult_Lineage FOREIGN KEY (LineageKey) REFERENCES etl.Lineage (LineageKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per data test run after a batch (unique, not null, relationship, accepted values, expression, conformance to the Unknown member), with its failing row count.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'DataQualityResultKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch the test ran in (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Name of the data test, unique within a batch.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'TestName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'UNIQUE, NOT-NULL, RELATIONSHIP, ACCEPTED-VALUES, EXPRESSION or CONFORMANCE.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'TestType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The table the test checks, schema-qualified.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'TableName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The column the test checks; null for table-level tests.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'ColumnName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ERROR fails the batch; WARN is reported only.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'Severity';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Number of rows that failed the test.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'FailingRows';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when FailingRows is 0.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'Passed';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'When the test ran (UTC).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'DataQualityResult', @level2type = N'COLUMN', @level2name = N'CheckedAt';
