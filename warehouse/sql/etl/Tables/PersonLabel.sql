CREATE TABLE etl.PersonLabel
(
    LineageKey          INT            NOT NULL,
    IdentifierHash      BINARY(16)     NOT NULL,
    KnownPersonHash     BINARY(16)     NULL,      -- the person etl.PersonIdentifier held for it when the batch began; NULL for a new identifier
    SeedNumber          INT            NULL,      -- rank of the starting label in the batch: known persons first, each by its hash, then new identifiers by theirs
    PersonHash          BINARY(16)     NOT NULL,  -- its starting label's person (the known person, else the identifier's own hash), then its component's
    CONSTRAINT PK_PersonLabel PRIMARY KEY CLUSTERED (LineageKey, IdentifierHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per distinct identifier hash of the running batch, with the person it resolves to: the working set of identity resolution (connected components of the identifiers staged rows share); emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'A hashed identifier seen in the batch.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'IdentifierHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person etl.PersonIdentifier resolved the identifier to when the batch began (NULL for an identifier new to the warehouse): read once, so component labels, merges and new identifiers need no further pass over the ever-growing etl.PersonIdentifier.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'KnownPersonHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Dense rank of the starting label within the batch (known persons before new identifiers, each by hash), so identifiers of one known person share it and a smaller number means the label that wins: the node the loader joins in memory (union-find over the batch''s seed numbers only, never the population).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'SeedNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The person the identifier resolves to: first its known person''s hash (else its own hash, the pseudonym of a new person), then that of the smallest seed number of its connected component.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonLabel', @level2type = N'COLUMN', @level2name = N'PersonHash';
