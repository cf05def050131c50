CREATE TABLE etl.PersonIdentifier
(
    IdentifierHash      BINARY(16)     NOT NULL,  -- keyed hash of a typed canonical identifier (A-number, FIN or name-and-birth key)
    PersonHash          BINARY(16)     NOT NULL,  -- the pseudonymous person it resolves to (dw.DimPerson.PersonHash)
    LineageKey          INT            NOT NULL,  -- the batch that last mapped it
    CONSTRAINT PK_PersonIdentifier PRIMARY KEY CLUSTERED (IdentifierHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per hashed person identifier ever loaded, with the pseudonymous person it resolves to: how records of later batches link to persons already in the warehouse.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonIdentifier';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Keyed hash (HMAC-SHA256 truncated to 128 bits) of a typed canonical identifier: A-number, FIN or name-and-birth key.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonIdentifier', @level2type = N'COLUMN', @level2name = N'IdentifierHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The pseudonymous person the identifier resolves to (dw.DimPerson.PersonHash).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonIdentifier', @level2type = N'COLUMN', @level2name = N'PersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch that last mapped the identifier (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonIdentifier', @level2type = N'COLUMN', @level2name = N'LineageKey';
