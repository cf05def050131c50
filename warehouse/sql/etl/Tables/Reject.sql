CREATE TABLE etl.Reject
(
    RejectKey           BIGINT         NOT NULL,
    LineageKey          INT            NOT NULL,
    FileName            NVARCHAR(260)  NOT NULL,
    LineNumber          BIGINT         NOT NULL,  -- line in the file (header is line 1)
    FieldName           VARCHAR(60)    NULL,      -- null when the whole row is at fault
    ReasonCode          VARCHAR(30)    NOT NULL,  -- e.g. MISSING-REQUIRED, INVALID-DATE, UNKNOWN-CODE
    Message             NVARCHAR(1000) NOT NULL,
    RawText             NVARCHAR(MAX)  NULL,      -- the offending value, or [withheld] when its field identifies a person; never the line
    SourceRecordId      NVARCHAR(50)   NULL,      -- the row's record id, when its line could be split into the feed's fields
    ValueWithheld       BIT            NULL,      -- 1 when the field at fault identifies a person; null only on rows of earlier releases
    CONSTRAINT PK_Reject PRIMARY KEY CLUSTERED (RejectKey),
    CONSTRAINT FK_Reject_Lineage FOREIGN KEY (LineageKey) REFERENCES etl.Lineage (LineageKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per input row quarantined by a load, with the file, line, record id, field, reason and offending value (withheld when the field identifies a person: never the line itself); for every file, rows read = rows staged + rows rejected.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject';
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
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Readable explanation of the fault; a fault of a field that identifies a person (A-number, FIN, family or given name, birth date) is named by field and reason only, without its value.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'Message';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The value of the field at fault as received (cut to 32,000 characters), so the sender can correct it; [withheld] when that field identifies a person (A-number, FIN, family or given name, birth date); null when the whole row is at fault, the value is empty, or the row was quarantined by an earlier release (the upgrade erased the whole lines those kept). Never the line itself: locate the row by file, line and record id.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'RawText';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The record id (business key) of the quarantined row, when its line could be split into the feed''s fields and the id is at most 50 characters; null otherwise.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'SourceRecordId';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when the field at fault identifies a person and its value was withheld, 0 otherwise; null on a row an earlier release quarantined until pdw warehouse init or a deployment scrubs it (DataScrubs).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Reject', @level2type = N'COLUMN', @level2name = N'ValueWithheld';
