CREATE TABLE etl.PersonMerge
(
    LineageKey          INT            NOT NULL,
    LoserHash           BINARY(16)     NOT NULL,  -- a person already in the warehouse that the batch proved to be ...
    WinnerHash          BINARY(16)     NOT NULL,  -- ... the same as this one (the smaller hash of the linked persons)
    CONSTRAINT PK_PersonMerge PRIMARY KEY CLUSTERED (LineageKey, LoserHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per existing person the running batch merges into another: the working set that moves identifiers and facts to the surviving person; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonMerge';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that found the merge.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonMerge', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Hash of the existing person that is merged away.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonMerge', @level2type = N'COLUMN', @level2name = N'LoserHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Hash of the person it is merged into (the smallest hash of the linked persons).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonMerge', @level2type = N'COLUMN', @level2name = N'WinnerHash';
