SELECT FeedName AS Grp, ReasonCode AS Label, 'Rejects' AS Col, CAST(SUM(Rejects) AS BIGINT) AS Value
FROM rpt.LoadReject WHERE PeriodStart <= @fyEnd AND PeriodEnd >= @fyStart GROUP BY FeedName, ReasonCode
