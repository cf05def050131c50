CREATE TABLE dw.DimEnforcementPriority
(
    EnforcementPriorityKey SMALLINT    NOT NULL,
    PriorityCode        VARCHAR(12)    NOT NULL,  -- business key, e.g. 2014-1A, 2011-NP
    Framework           NVARCHAR(40)   NOT NULL,  -- ICE 2011 civil enforcement priorities / DHS 2014 enforcement priorities
    FrameworkPolicyCode VARCHAR(30)    NOT NULL,
    PriorityLevel       TINYINT        NULL,      -- 1, 2, 3; null when not a priority
    CategoryCode        VARCHAR(4)     NULL,      -- 1a ... 2d
    CategoryDescription NVARCHAR(300)  NOT NULL,
    IsPriority          BIT            NOT NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimEnforcementPriority PRIMARY KEY CLUSTERED (EnforcementPriorityKey),
    CONSTRAINT UQ_DimEnforcementPriority_PriorityCode UNIQUE (PriorityCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per enforcement priority category of a framework (ICE 2011 memo, DHS November 2014 memo), including not a priority; key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'EnforcementPriorityKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key: framework year and category, e.g. 2014-1A, 2011-NP.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'PriorityCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The priorities framework: ICE 2011 civil enforcement priorities or DHS 2014 enforcement priorities.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'Framework';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Policy code (dw.DimPolicy) of the memo that set the framework.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'FrameworkPolicyCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Priority level 1, 2 or 3; null when not a priority.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'PriorityLevel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Category within the level, 1a to 2d (2014 framework); null when the framework has none.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'CategoryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What the category covers, in the memo''s words.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'CategoryDescription';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 when the category is an enforcement priority, 0 for not a priority and Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'IsPriority';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimEnforcementPriority', @level2type = N'COLUMN', @level2name = N'LineageKey';
