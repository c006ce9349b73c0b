-- The audit log (HIPAA 164.312(b)): append-only and hash-chained. Each event stores SHA-256 over the
-- previous event's hash and its own canonical form; GET /api/v1/audit/verify walks the chain.
-- Ids come from a sequence before the insert, because each event's hash covers its own id.
CREATE SEQUENCE audit_event_seq;
CREATE TABLE audit_event (
    id             BIGINT       PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(128) NOT NULL,
    actor_roles    VARCHAR(64),
    source_address VARCHAR(64),
    action         VARCHAR(48)  NOT NULL,
    target_type    VARCHAR(32),
    target_id      VARCHAR(128),
    outcome        VARCHAR(16)  NOT NULL,
    details        TEXT,
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    CONSTRAINT uq_audit_hash UNIQUE (hash),
    CONSTRAINT ck_audit_outcome CHECK (outcome IN ('success', 'failure'))
);
CREATE INDEX ix_audit_occurred_at ON audit_event (occurred_at);
CREATE INDEX ix_audit_target ON audit_event (target_type, target_id);
CREATE INDEX ix_audit_actor ON audit_event (actor);
CREATE INDEX ix_audit_action ON audit_event (action);

-- The application appends; it never rewrites history. Changing a row takes a deliberate act of the
-- table owner (disabling this trigger), and the hash chain then reports it.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER tr_audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

-- One-time enrollment codes for EST: stored only as a hash, expiring, single use.
CREATE TABLE enrollment_code (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id   UUID        NOT NULL REFERENCES device (id),
    code_hash   CHAR(64)    NOT NULL,
    created_by  VARCHAR(64) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    CONSTRAINT uq_enrollment_code_hash UNIQUE (code_hash)
);
CREATE INDEX ix_enrollment_code_device ON enrollment_code (device_id);
