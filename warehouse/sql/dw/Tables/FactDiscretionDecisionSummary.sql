CREATE TABLE dw.FactDiscretionDecisionSummary
(
    FiscalYear          SMALLINT       NOT NULL,
    FiscalQuarter       TINYINT        NOT NULL,
    ComponentKey        SMALLINT       NOT NULL,
    OfficeKey           INT            NOT NULL,
    DiscretionDecisionKey SMALLINT     NOT NULL,
    PolicyKey           SMALLINT       NOT NULL,
    EnforcementPriorityKey SMALLINT    NOT NULL,
    CitizenshipCountryKey SMALLINT     NOT NULL,
    ComponentCode       VARCHAR(10)    NOT NULL,
    ComponentName       NVARCHAR(100)  NOT NULL,
    Agency              VARCHAR(10)    NOT NULL,
    OfficeCode          VARCHAR(20)    NOT NULL,
    OfficeName          NVARCHAR(100)  NOT NULL,
    OfficeType          VARCHAR(40)    NOT NULL,
    ActionCode          VARCHAR(20)    NOT NULL,
    ActionName          NVARCHAR(100)  NOT NULL,
    BasisCode           VARCHAR(20)    NOT NULL,
    BasisName           NVARCHAR(150)  NOT NULL,
    RemovalProcessEffect NVARCHAR(40)  NOT NULL,
    PolicyCode          VARCHAR(30)    NOT NULL,
    PolicyTitle         NVARCHAR(300)  NOT NULL,
    PriorityCode        VARCHAR(12)    NOT NULL,
    PriorityFramework   NVARCHAR(40)   NOT NULL,
    PriorityCategoryCode VARCHAR(4)    NULL,
    IsPriority          BIT            NOT NULL,
    CitizenshipCountryCode CHAR(2)     NOT NULL,
    CitizenshipCountryName NVARCHAR(100) NOT NULL,
    CitizenshipRegion   VARCHAR(20)    NOT NULL,
    Decisions           INT            NOT NULL,
    Records             INT            NOT NULL,
    LineageKey          INT            NOT NULL,
    -- Clustered on the fiscal year first: each load deletes and rewrites whole fiscal years, and a heap would keep the
    -- pages its deletes empty.
    CONSTRAINT PK_FactDiscretionDecisionSummary PRIMARY KEY CLUSTERED (FiscalYear, FiscalQuarter, ComponentKey, OfficeKey, DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, CitizenshipCountryKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimComponent FOREIGN KEY (ComponentKey) REFERENCES dw.DimComponent (ComponentKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimOffice FOREIGN KEY (OfficeKey) REFERENCES dw.DimOffice (OfficeKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimDiscretionDecision FOREIGN KEY (DiscretionDecisionKey) REFERENCES dw.DimDiscretionDecision (DiscretionDecisionKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimPolicy FOREIGN KEY (PolicyKey) REFERENCES dw.DimPolicy (PolicyKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimEnforcementPriority FOREIGN KEY (EnforcementPriorityKey) REFERENCES dw.DimEnforcementPriority (EnforcementPriorityKey),
    CONSTRAINT FK_FactDiscretionDecisionSummary_DimCountry FOREIGN KEY (CitizenshipCountryKey) REFERENCES dw.DimCountry (CountryKey)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per fiscal year, fiscal quarter, component, office version, decision (action and basis), policy, enforcement priority and country of citizenship with at least one PD record whose decision date is known: an aggregate of dw.FactDiscretionDecision, with the codes and names of its component, office, decision, policy, priority and country copied beside their keys, so the report view reads this table alone. Rebuilt by every load for each fiscal year the batch changed (new, re-sent or re-sequenced records), so it always equals the facts; a load that corrects a dimension row in place (a reference feed) copies the new codes and names. rpt.DiscretionDecisionCount reads it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year of the decision date (dw.DimDate.FiscalYear).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal quarter of the decision date (1 is October to December).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'FiscalQuarter';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Component that made the decisions (dw.DimComponent).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Office version valid on the decision date (dw.DimOffice).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'OfficeKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What was decided and why (dw.DimDiscretionDecision).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'DiscretionDecisionKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Policy or memorandum the decisions were made under (dw.DimPolicy).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PolicyKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Enforcement priority of the persons (dw.DimEnforcementPriority).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'EnforcementPriorityKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Country of citizenship (dw.DimCountry).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Decisions in the group: records that are not a repeat of the same decision at a later stage (IsRepeatAtLaterStage = 0).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'Decisions';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Every PD record in the group, repeats included.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'Records';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.ComponentCode of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.ComponentName of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'ComponentName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimComponent.Agency of the row''s ComponentKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'Agency';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeCode of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'OfficeCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeName of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'OfficeName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimOffice.OfficeType of the row''s OfficeKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'OfficeType';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimDiscretionDecision.ActionCode of the row''s DiscretionDecisionKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'ActionCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimDiscretionDecision.ActionName of the row''s DiscretionDecisionKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'ActionName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimDiscretionDecision.BasisCode of the row''s DiscretionDecisionKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'BasisCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimDiscretionDecision.BasisName of the row''s DiscretionDecisionKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'BasisName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimDiscretionDecision.RemovalProcessEffect of the row''s DiscretionDecisionKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'RemovalProcessEffect';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimPolicy.PolicyCode of the row''s PolicyKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PolicyCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimPolicy.PolicyTitle of the row''s PolicyKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PolicyTitle';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementPriority.PriorityCode of the row''s EnforcementPriorityKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PriorityCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementPriority.Framework of the row''s EnforcementPriorityKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PriorityFramework';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementPriority.CategoryCode of the row''s EnforcementPriorityKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'PriorityCategoryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimEnforcementPriority.IsPriority of the row''s EnforcementPriorityKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'IsPriority';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryCode of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.CountryName of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipCountryName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Copied from dw.DimCountry.Region of the row''s CitizenshipCountryKey.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'CitizenshipRegion';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last rebuilt this fiscal year (etl.Lineage); 0 when pdw warehouse init or a deployment built it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'FactDiscretionDecisionSummary', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
