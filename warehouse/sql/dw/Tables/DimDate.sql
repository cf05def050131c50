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
