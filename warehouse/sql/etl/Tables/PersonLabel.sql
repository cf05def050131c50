CREATE TABLE etl.PersonLabel
(
    LineageKey          INT            NOT NULL,
    IdentifierHash      CHAR(64)       NOT NULL,
    Label               VARCHAR(65)    NOT NULL,  -- its starting label, then its person's: '0' + an existing person's hash sorts before '1' + a new identifier's hash
    KnownPersonHash     CHAR(64)       NULL,      -- the person etl.PersonIdentifier held for it when the batch began; NULL for a new identifier
    SeedNumber          INT            NULL,      -- rank of the starting label in the batch; nullable only so that init can add it to an older warehouse
    CONSTRAINT PK_PersonLabel PRIMARY KEY CLUSTERED (LineageKey, IdentifierHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per distinct identifier hash of the running batch, labelled with the person it resolves to: the working set of identity resolution (connected components of the identifiers staged rows share); emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'A hashed identifier seen in the batch.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'IdentifierHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The identifier''s starting label (''0'' + its known person''s hash, else ''1'' + its own hash; the first sorts before the second), then the smallest starting label of its connected component: ''0'' or ''1'' and the resolved person''s hash.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'Label';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person etl.PersonIdentifier resolved the identifier to when the batch began (NULL for an identifier new to the warehouse): read once, so component labels, merges and new identifiers need no further pass over the ever-growing etl.PersonIdentifier.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'KnownPersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Dense rank of the starting label within the batch, so identifiers of one known person share it and a smaller number means a smaller label: the node the loader joins in memory (union-find over the batch''s seed numbers only, never the population).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'SeedNumber';
