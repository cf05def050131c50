CREATE TABLE etl.PersonMerge
(
    LineageKey          INT            NOT NULL,
    LoserHash           CHAR(64)       NOT NULL,  -- a person already in the warehouse that the batch proved to be ...
    WinnerHash          CHAR(64)       NOT NULL,  -- ... the same as this one (the smaller hash of the linked persons)
    CONSTRAINT PK_PersonMerge PRIMARY KEY CLUSTERED (LineageKey, LoserHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per existing person the running batch merges into another: the working set that moves identifiers and facts to the surviving person; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonMerge';
