CREATE TABLE etl.Reject
(
    RejectKey           BIGINT         NOT NULL,
    LineageKey          INT            NOT NULL,
    FileName            NVARCHAR(260)  NOT NULL,
    LineNumber          BIGINT         NOT NULL,  -- line in the file (header is line 1)
    FieldName           VARCHAR(60)    NULL,      -- null when the whole row is at fault
    ReasonCode          VARCHAR(30)    NOT NULL,  -- e.g. MISSING-REQUIRED, INVALID-DATE, UNKNOWN-CODE
    Message             NVARCHAR(1000) NOT NULL,
    RawText             NVARCHAR(MAX)  NULL,      -- the row as received, for correction and re-sending
    CONSTRAINT PK_Reject PRIMARY KEY CLUSTERED (RejectKey),
    CONSTRAINT FK_Reject_Lineage FOREIGN KEY (LineageKey) REFERENCES etl.Lineage (LineageKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per input row quarantined by a load, with the file, line, field and reason; for every file, rows read = rows staged + rows rejected.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'RejectKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that quarantined the row (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'File of the delivery the row came from.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'FileName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line in the file (the header is line 1).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'LineNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The field at fault; null when the whole row is.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'FieldName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Why the row was rejected, e.g. MISSING-REQUIRED, INVALID-DATE, UNKNOWN-CODE (docs/feeds.md).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'ReasonCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable explanation of the fault.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'Message';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The row as received, for correction and re-sending.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'RawText';
