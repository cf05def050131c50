CREATE TABLE etl.PersonRekey
(
    OldHash             BINARY(16)     NOT NULL,  -- a stored hash before the rotation
    NewHash             BINARY(16)     NOT NULL,  -- HMAC(new key, OldHash)
    CONSTRAINT PK_PersonRekey PRIMARY KEY CLUSTERED (OldHash)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per stored person or identifier hash while a key rotation runs, with what it becomes under the new key; empty outside `pdw key rotate`.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRekey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'A hash stored in dw.DimPerson.PersonHash or etl.PersonIdentifier before the rotation.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRekey', @level2type = N'COLUMN', @level2name = N'OldHash';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'HMAC-SHA256 of OldHash (its 16 bytes) under the newest key of the chain, truncated to 128 bits: the hash after the rotation.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonRekey', @level2type = N'COLUMN', @level2name = N'NewHash';
