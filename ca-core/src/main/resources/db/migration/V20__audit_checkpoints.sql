-- Signed checkpoints of the audit chain head. The chain shows events altered, removed or reordered,
-- but not the newest ones deleted: the shortened chain still links. A checkpoint signed by a key the
-- database does not hold (the CA key store), and copied to files and the log, shows that too.

-- The checkpoint signer: a key of its own with a document-signing certificate from an issuing CA,
-- replaced once half its life is gone, like the OCSP responders.
CREATE TABLE audit_signer (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id      BIGINT      NOT NULL REFERENCES certificate_authority (id),
    key_id         BIGINT      NOT NULL REFERENCES ca_key (id),
    certificate_id BIGINT      NOT NULL REFERENCES certificate (id),
    not_after      TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_audit_signer_issuer ON audit_signer (issuer_id, not_after DESC);

-- One checkpoint per chain head. No foreign key to audit_event: a checkpoint must outlive the
-- events someone deletes, which is what it is there to show. Ids come from a sequence before the
-- insert, because the audit event recording the checkpoint names it.
CREATE SEQUENCE audit_checkpoint_seq;
CREATE TABLE audit_checkpoint (
    id          BIGINT      PRIMARY KEY,
    event_id    BIGINT      NOT NULL,
    event_hash  CHAR(64)    NOT NULL,
    event_count BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    signer_id   BIGINT      NOT NULL REFERENCES audit_signer (id),
    cms         BYTEA       NOT NULL,
    CONSTRAINT uq_audit_checkpoint_event UNIQUE (event_id),
    CONSTRAINT ck_audit_checkpoint_count CHECK (event_count > 0)
);

CREATE FUNCTION append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER tr_audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION append_only_table();
CREATE TRIGGER tr_audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_table();
