-- One row per load batch (delivery) with its row accounting, for the data-quality appendix:
-- rows read = staged + rejected, and how many reached the star schema.
CREATE VIEW rpt.LoadCompleteness
AS
SELECT
    l.LineageKey,
    l.FeedName,
    l.ComponentCode,
    l.DeliveryName,
    l.PeriodStart,
    l.PeriodEnd,
    l.Status,
    l.RowsRead,
    l.RowsStaged,
    l.RowsRejected,
    l.RowsInserted,
    l.RowsUpdated
FROM etl.Lineage AS l
WHERE l.LineageKey <> 0;
