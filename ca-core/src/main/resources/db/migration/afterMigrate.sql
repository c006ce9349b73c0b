-- Runs after every migration, as the role that owns the schema. When the application runs as a
-- role of its own (the embedded PostgreSQL always; an external one when pki.db.migration-username
-- is set), that role gets the rows it works with and nothing else: it owns no table, so it cannot
-- alter or drop one, disable a trigger or truncate; on the audit log and its checkpoints it may only
-- insert and read.
-- Tables added by later migrations are covered the next time this runs, before the application
-- starts using them.
DO $$
DECLARE
    application_role CONSTANT text := '${application_role}';
BEGIN
    IF application_role = '-' THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = application_role) THEN
        RAISE EXCEPTION 'The application role % does not exist', application_role;
    END IF;
    IF application_role = current_user THEN
        RAISE EXCEPTION 'The application role % must not be the role that runs the migrations', application_role;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), application_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), application_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), application_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM %I', application_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_checkpoint FROM %I', application_role);
    EXECUTE format('REVOKE ALL ON %I FROM %I', '${flyway:table}', application_role);
END
$$;
