-- Loads deliveries: writes staging, the star schema and load control; reads everything it conforms against.
CREATE ROLE pdw_etl AUTHORIZATION dbo;
