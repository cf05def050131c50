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
