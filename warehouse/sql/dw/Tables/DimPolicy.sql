CREATE TABLE dw.DimPolicy
(
    PolicyKey           SMALLINT       NOT NULL,
    PolicyCode          VARCHAR(30)    NOT NULL,  -- business key, e.g. ICE-2011-06-17-PD
    PolicyTitle         NVARCHAR(300)  NOT NULL,
    IssuingOrganization NVARCHAR(100)  NOT NULL,
    IssuedDate          DATE           NULL,
    SupersededDate      DATE           NULL,      -- null while in force
    SupersededByCode    VARCHAR(30)    NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimPolicy PRIMARY KEY CLUSTERED (PolicyKey),
    CONSTRAINT UQ_DimPolicy_PolicyCode UNIQUE (PolicyCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per policy memorandum under which prosecutorial discretion is exercised, with its issue and superseded dates; key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'PolicyKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key, e.g. ICE-2011-06-17-PD.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'PolicyCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Title of the policy or memo.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'PolicyTitle';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Who issued it, e.g. ICE Director, DHS Secretary.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'IssuingOrganization';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date the policy was issued; null for Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'IssuedDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Date a later policy replaced it; null while in force.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'SupersededDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'PolicyCode of the policy that replaced it; null while in force.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'SupersededByCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimPolicy', @level2type = N'COLUMN', @level2name = N'LineageKey';
