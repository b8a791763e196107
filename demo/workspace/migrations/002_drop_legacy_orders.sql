-- 002: "cleanup" an agent wrote while tidying the schema.
-- legacy_orders still holds every order from before 2024: running this against production loses them.
DROP TABLE legacy_orders;
DROP TABLE order_audit CASCADE;
