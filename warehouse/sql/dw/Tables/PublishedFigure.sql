CREATE TABLE dw.PublishedFigure
(
    TableNumber         VARCHAR(10)    NOT NULL,  -- business key, with FiscalYear and Measure
    FiscalYear          SMALLINT       NOT NULL,
    Measure             VARCHAR(40)    NOT NULL,
    Value               INT            NOT NULL,
    Publisher           NVARCHAR(100)  NOT NULL,
    Publication         NVARCHAR(200)  NOT NULL,
    Edition             VARCHAR(20)    NOT NULL,
    SourceTable         VARCHAR(40)    NOT NULL,
    SourceNote          NVARCHAR(200)  NULL,
    LineageKey          INT            NOT NULL,
    CONSTRAINT PK_PublishedFigure PRIMARY KEY CLUSTERED (TableNumber, FiscalYear, Measure)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per figure OIS published for a Yearbook table, fiscal year and measure (the long series before the microdata), as last delivered: a corrected figure replaces the one before it.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Business key, with FiscalYear and Measure: the Yearbook of Immigration Statistics table the series continues (39 removals and returns, 33 aliens apprehended, 35 apprehensions by program).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'TableNumber';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Federal fiscal year the figure counts (October to September, named by the year it ends).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'What the figure counts, as a code of the table (REMOVAL, RETURN, APPREHENSION, or a program: CBP-USBP, ICE-HSI, ICE-ERO).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'Measure';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The figure as published.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'Value';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Who published the figure (DHS Office of Immigration Statistics).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'Publisher';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Title of the publication the figure was transcribed from, without its edition (Yearbook of Immigration Statistics).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'Publication';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Edition of the publication (the Yearbook''s report year).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'Edition';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Table of that edition that prints the figure.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'SourceTable';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Anything further a reader needs to trace the figure (a later release it was taken from, how it was derived); null when the table says it all.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'SourceNote';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last corrected the row; 0 for the figures shipped in warehouse/reference and written at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'PublishedFigure', @level2type = N'COLUMN', @level2name = N'LineageKey';
