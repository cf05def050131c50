SELECT FeedName AS Label, 'RowsRead' AS Col, CAST(SUM(RowsRead) AS BIGINT) AS Value FROM rpt.LoadCompleteness WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName
UNION ALL SELECT FeedName, 'RowsStaged', CAST(SUM(RowsStaged) AS BIGINT) FROM rpt.LoadCompleteness WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName
UNION ALL SELECT FeedName, 'RowsRejected', CAST(SUM(RowsRejected) AS BIGINT) FROM rpt.LoadCompleteness WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName
UNION ALL SELECT FeedName, 'RowsInserted', CAST(SUM(RowsInserted) AS BIGINT) FROM rpt.LoadCompleteness WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName
UNION ALL SELECT FeedName, 'RowsUpdated', CAST(SUM(RowsUpdated) AS BIGINT) FROM rpt.LoadCompleteness WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName
