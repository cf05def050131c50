CREATE TABLE etl.GoalFile
(
    GoalFileKey         INT            NOT NULL,
    ContentSha256       CHAR(64)       NOT NULL,
    FileVersion         NVARCHAR(50)   NOT NULL,
    FileName            NVARCHAR(260)  NOT NULL,
    Owner               NVARCHAR(200)  NOT NULL,
    IndicatorCount      INT            NOT NULL,
    IsCurrent           BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    CurrentLineageKey   INT            NOT NULL,
    CONSTRAINT PK_GoalFile PRIMARY KEY CLUSTERED (GoalFileKey),
    CONSTRAINT UQ_GoalFile_ContentSha256 UNIQUE (ContentSha256)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per distinct version of the policy goals file (monitoring/goals.yaml) loaded by pdw monitor goals load, identified by the SHA-256 of its content; exactly one version is current once any is loaded.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key of the goals file version, numbered in load order.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'GoalFileKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'SHA-256 of the file''s bytes: the version''s identity, so loading the same file again changes nothing.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'ContentSha256';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The version the file declares (its version: field), as policy staff wrote it.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'FileVersion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Name of the file when it was first loaded (no folder).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'FileName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The office that owns the goals (the file''s owner: field).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'Owner';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Indicators the file defines: its rows in dw.DimIndicator.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'IndicatorCount';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 for the version loaded last, which monitoring measures; 0 for earlier versions, kept for history.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'IsCurrent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that first loaded this version.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last made this version current (a later batch when an older file is loaded again).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'GoalFile', @level2type = N'COLUMN', @level2name = N'CurrentLineageKey';
