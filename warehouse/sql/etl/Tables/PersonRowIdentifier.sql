CREATE TABLE etl.PersonRowIdentifier
(
    LineageKey          INT            NOT NULL,
    SourceRowNumber     BIGINT         NOT NULL,  -- a staged row of the running batch ...
    IdentifierHash      CHAR(64)       NOT NULL,  -- ... and one of its (up to three) identifier hashes
    CONSTRAINT PK_PersonRowIdentifier PRIMARY KEY CLUSTERED (LineageKey, SourceRowNumber, IdentifierHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per staged row of the running batch and identifier hash it carries: the edges identity resolution propagates labels along, written once per batch; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRowIdentifier';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that staged the row.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRowIdentifier', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Line of the staged row in its CSV file.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRowIdentifier', @level2type = N'COLUMN', @level2name = N'SourceRowNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Keyed hash of one canonical identifier the row carries (A-number, FIN or name-and-birth key).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRowIdentifier', @level2type = N'COLUMN', @level2name = N'IdentifierHash';
