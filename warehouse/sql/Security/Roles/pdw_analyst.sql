-- Writes ad-hoc SQL: reads the star schema and the rpt views, never staging or the person pseudonym.
CREATE ROLE pdw_analyst AUTHORIZATION dbo;
