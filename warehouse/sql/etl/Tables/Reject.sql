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
