-- TRUNCATE fires no row trigger, so the append-only rule of V4 did not stop it: one statement could
-- empty the audit log. A statement-level trigger refuses it as well.
CREATE TRIGGER tr_audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
