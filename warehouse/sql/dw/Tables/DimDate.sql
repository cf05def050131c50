CREATE TABLE dw.DimDate
(
    DateKey             INT          NOT NULL,  -- yyyymmdd; 0 is the Unknown member
    Date                DATE         NOT NULL,
    CalendarYear        SMALLINT     NOT NULL,
    CalendarQuarter     TINYINT      NOT NULL,
    CalendarMonth       TINYINT      NOT NULL,
    MonthName           VARCHAR(10)  NOT NULL,
    DayOfMonth          TINYINT      NOT NULL,
    DayOfWeek           TINYINT      NOT NULL,  -- ISO: 1 = Monday
    DayName             VARCHAR(10)  NOT NULL,
    FiscalYear          SMALLINT     NOT NULL,  -- federal fiscal year: October to September, named for the year it ends
    FiscalQuarter       TINYINT      NOT NULL,
    FiscalMonth         TINYINT      NOT NULL,  -- 1 = October
    FiscalYearLabel     VARCHAR(7)   NOT NULL,  -- e.g. FY2014
    IsWeekend           BIT          NOT NULL,
    LineageKey          INT          NOT NULL,
    CONSTRAINT PK_DimDate PRIMARY KEY CLUSTERED (DateKey),
    CONSTRAINT UQ_DimDate_Date UNIQUE (Date)
);
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'One row per calendar day from 1 October 2003 (FY2004) to 30 September 2030 (FY2030), with calendar and federal fiscal attributes; key 0 is the Unknown date.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Surrogate key in the form yyyymmdd; 0 is the Unknown member.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'DateKey';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The calendar day.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'Date';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Calendar year.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'CalendarYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Calendar quarter, 1 to 4.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'CalendarQuarter';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Calendar month, 1 to 12.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'CalendarMonth';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'English month name, e.g. October.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'MonthName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Day of the month, 1 to 31.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'DayOfMonth';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'ISO day of the week: 1 = Monday to 7 = Sunday.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'DayOfWeek';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'English day name, e.g. Monday.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'DayName';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Federal fiscal year (October to September), named for the calendar year in which it ends.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'FiscalYear';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal quarter, 1 (October to December) to 4 (July to September).', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'FiscalQuarter';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Month of the fiscal year: 1 = October to 12 = September.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'FiscalMonth';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'Fiscal year as reports print it, e.g. FY2014.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'FiscalYearLabel';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'1 on Saturdays and Sundays.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'IsWeekend';
GO
EXEC sys.sp_addextendedproperty @name = N'Description', @value = N'The batch (etl.Lineage) that wrote or last changed the row; 0 for reference data loaded at deployment.', @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimDate', @level2type = N'COLUMN', @level2name = N'LineageKey';
