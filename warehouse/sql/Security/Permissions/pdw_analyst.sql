GRANT SELECT ON SCHEMA::rpt TO pdw_analyst;
GO
GRANT SELECT ON SCHEMA::dw TO pdw_analyst;
GO
-- The keyed hash links a person's records across components; analysts count persons through
-- PersonKey and must not be able to carry the pseudonym out of the warehouse.
DENY SELECT ON OBJECT::dw.DimPerson (PersonHash) TO pdw_analyst;
