CREATE TABLE etl.PersonComponent
(
    LineageKey          INT            NOT NULL,
    SeedNumber          INT            NOT NULL,  -- a starting label of the running batch (etl.PersonLabel.SeedNumber) ...
    ComponentSeedNumber INT            NOT NULL,  -- ... and the smallest one it is connected to, always smaller than SeedNumber
    CONSTRAINT PK_PersonComponent PRIMARY KEY CLUSTERED (LineageKey, SeedNumber)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per starting label of the running batch that identity resolution connected to a smaller one (labels that stay their own component have no row): written by the loader''s union-find, read once to relabel etl.PersonLabel; emptied when the batch completes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonComponent';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch resolving identities (etl.Lineage).', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonComponent', @level2type = N'COLUMN', @level2name = N'LineageKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'A starting label''s rank (etl.PersonLabel.SeedNumber) that is not the smallest of its connected component.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonComponent', @level2type = N'COLUMN', @level2name = N'SeedNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The smallest starting label''s rank in the same connected component: whose label every identifier of the component takes.', @level0type = N'SCHEMA', @level0name = N'etl', @level1type = N'TABLE', @level1name = N'PersonComponent', @level2type = N'COLUMN', @level2name = N'ComponentSeedNumber';
