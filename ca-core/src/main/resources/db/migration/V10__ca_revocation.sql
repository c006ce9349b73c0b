-- An issuing CA can be revoked by its parent (the root's OCSP responder and CRL then report it) or
-- retired (it issues nothing more but keeps publishing status for what it issued).
ALTER TABLE certificate_authority ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE certificate_authority ADD COLUMN revocation_reason VARCHAR(32);
ALTER TABLE certificate_authority DROP CONSTRAINT ck_ca_status;
ALTER TABLE certificate_authority ADD CONSTRAINT ck_ca_status CHECK (status IN ('pending', 'active', 'retired', 'revoked'));
ALTER TABLE certificate_authority ADD CONSTRAINT ck_ca_revocation
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL) AND (revoked_at IS NULL) = (revocation_reason IS NULL));

-- A revoked CA never changes status or revocation again, whatever the application does.
CREATE FUNCTION ca_revocation_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'revoked' AND (NEW.status IS DISTINCT FROM OLD.status
            OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
            OR NEW.revocation_reason IS DISTINCT FROM OLD.revocation_reason) THEN
        RAISE EXCEPTION 'certificate authority % is revoked; its status cannot change', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_ca_revocation_final';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tr_ca_revocation_is_final BEFORE UPDATE ON certificate_authority
    FOR EACH ROW EXECUTE FUNCTION ca_revocation_is_final();
