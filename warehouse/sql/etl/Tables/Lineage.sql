CREATE TABLE etl.Lineage
(
    LineageKey          INT            NOT NULL,  -- 0 is the deployment that loaded the reference data
    DeliveryName        NVARCHAR(200)  NOT NULL,
    FeedName            VARCHAR(40)    NOT NULL,
    SourceSystem        VARCHAR(20)    NOT NULL,
    ComponentCode       VARCHAR(10)    NOT NULL,
    PeriodStart         DATE           NULL,
    PeriodEnd           DATE           NULL,
    ManifestSha256      CHAR(64)       NULL,
    StartedAt           DATETIME2(3)   NOT NULL,
    FinishedAt          DATETIME2(3)   NULL,
    Status              VARCHAR(12)    NOT NULL,  -- STARTED, SUCCEEDED, FAILED, REFUSED
    RowsRead            BIGINT         NOT NULL,
    RowsStaged          BIGINT         NOT NULL,
    RowsRejected        BIGINT         NOT NULL,
    RowsInserted        BIGINT         NOT NULL,
    RowsUpdated         BIGINT         NOT NULL,
    Message             NVARCHAR(2000) NULL,
    CONSTRAINT PK_Lineage PRIMARY KEY CLUSTERED (LineageKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per load batch (one delivery), written before anything is staged and completed with row counts and outcome at the end; every dimension and fact row carries the LineageKey of the batch that last wrote it.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the batch; 0 is the deployment that loaded the reference data.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Folder name of the delivery the batch loaded.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'DeliveryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Feed of the delivery as its manifest names it.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'FeedName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Source system named in the manifest.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'SourceSystem';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that sent the delivery.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'First day of the period the delivery covers; null for reference lists.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'PeriodStart';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Last day of the period the delivery covers; null for reference lists.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'PeriodEnd';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'SHA-256 of manifest.json: a rerun of the same delivery is recognised by it.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'ManifestSha256';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'When the batch started (UTC).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'StartedAt';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'When the batch finished (UTC); null while running or after a crash.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'FinishedAt';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'STARTED, SUCCEEDED, FAILED or REFUSED.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'Status';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Data rows read from the delivery''s files: RowsStaged + RowsRejected.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'RowsRead';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Rows that passed validation and were staged.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'RowsStaged';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Rows quarantined in etl.Reject.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'RowsRejected';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fact and dimension rows the batch inserted.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'RowsInserted';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fact and dimension rows the batch updated.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'RowsUpdated';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Why the batch failed or was refused; null when it succeeded.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'Lineage', @level2type = N'COLUMN', @level2name = N'Message';
