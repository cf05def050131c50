CREATE TABLE dw.DimComponent
(
    ComponentKey        SMALLINT       NOT NULL,
    ComponentCode       VARCHAR(10)    NOT NULL,  -- business key, e.g. ICE-ERO
    ComponentName       NVARCHAR(100)  NOT NULL,
    Agency              VARCHAR(10)    NOT NULL,  -- ICE, CBP, USCIS
    AgencyName          NVARCHAR(100)  NOT NULL,
    ProgramName         NVARCHAR(60)   NOT NULL,  -- label the Yearbook uses, e.g. CBP Border Patrol
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_DimComponent PRIMARY KEY CLUSTERED (ComponentKey),
    CONSTRAINT UQ_DimComponent_ComponentCode UNIQUE (ComponentCode)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per DHS operational component or program that records enforcement or discretion (ICE ERO, HSI, OPLA; CBP USBP, OFO; USCIS); key 0 is Unknown.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'ComponentKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key: the component or program code, e.g. ICE-ERO, CBP-USBP, USCIS.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'ComponentCode';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Full name of the component or program.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'ComponentName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Parent agency code: ICE, CBP or USCIS.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'Agency';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Full name of the parent agency.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'AgencyName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Program label the Yearbook uses in its tables, e.g. CBP Border Patrol.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'ProgramName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimComponent', @level2type = N'COLUMN', @level2name = N'LineageKey';
