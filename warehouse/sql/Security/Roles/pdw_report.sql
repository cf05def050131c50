-- Renders the published reports: reads the rpt views and nothing else.
CREATE ROLE pdw_report AUTHORIZATION dbo;
