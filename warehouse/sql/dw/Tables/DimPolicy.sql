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
