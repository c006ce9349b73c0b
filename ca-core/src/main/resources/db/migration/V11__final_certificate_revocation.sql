-- Optimistic version of each certificate row: a status change that lost a race fails instead of
-- silently overwriting the winner.
ALTER TABLE certificate ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Set on the certificates a device quarantine put on hold, so that releasing the device lifts those
-- holds only. Quarantines in force today held every valid certificate of their device.
ALTER TABLE certificate ADD COLUMN held_by_quarantine BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE certificate SET held_by_quarantine = TRUE
    WHERE status = 'on-hold' AND device_id IN (SELECT id FROM device WHERE state = 'quarantined');
ALTER TABLE certificate ADD CONSTRAINT ck_certificate_quarantine_hold CHECK (NOT held_by_quarantine OR status = 'on-hold');

-- A revoked certificate never changes status again: only a hold (status 'on-hold') can be lifted.
-- Reported as a check violation, so that the application answers it as a conflict.
CREATE FUNCTION certificate_revocation_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'revoked' AND (NEW.status IS DISTINCT FROM OLD.status
            OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
            OR NEW.revocation_reason IS DISTINCT FROM OLD.revocation_reason) THEN
        RAISE EXCEPTION 'certificate % of issuer % is revoked; its status cannot change', OLD.serial_number, OLD.issuer_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_certificate_revocation_final';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER tr_certificate_revocation_is_final BEFORE UPDATE ON certificate
    FOR EACH ROW EXECUTE FUNCTION certificate_revocation_is_final();

-- Keys revoked for keyCompromise are looked up at every issuance.
CREATE INDEX ix_certificate_compromised_key ON certificate (public_key_sha256)
    WHERE status = 'revoked' AND revocation_reason = 'keyCompromise';
