GRANT SELECT ON SCHEMA::rpt TO pdw_report;
