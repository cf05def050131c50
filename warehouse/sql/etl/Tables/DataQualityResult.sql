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
