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
