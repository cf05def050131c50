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
