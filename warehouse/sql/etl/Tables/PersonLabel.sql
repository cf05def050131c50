CREATE TABLE etl.PersonLabel
(
    LineageKey          INT            NOT NULL,
    IdentifierHash      CHAR(64)       NOT NULL,
    Label               VARCHAR(65)    NOT NULL,  -- smallest label linked to it so far: '0' + an existing person's hash sorts before '1' + a new identifier's hash
    KnownPersonHash     CHAR(64)       NULL,      -- the person etl.PersonIdentifier held for it when the batch began; NULL for a new identifier
    CONSTRAINT PK_PersonLabel PRIMARY KEY CLUSTERED (LineageKey, IdentifierHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per distinct identifier hash of the running batch, labelled with the smallest hash it is linked to: the working set of identity resolution (connected components by label propagation); emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'A hashed identifier seen in the batch.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'IdentifierHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Smallest label linked to the identifier so far: ''0'' + an existing person''s hash sorts before ''1'' + a new identifier''s hash.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'Label';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person etl.PersonIdentifier resolved the identifier to when the batch began (NULL for an identifier new to the warehouse): read once, so label propagation, merges and new identifiers need no further pass over the ever-growing etl.PersonIdentifier.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'KnownPersonHash';
