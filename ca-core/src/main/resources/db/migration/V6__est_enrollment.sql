-- EST enrollment: pumps that onboard with a manufacturer certificate wait as 'pending' until a
-- biomed approves them; a certificate replaced by re-enrollment stays valid for a grace period and
-- is revoked as superseded at supersede_after.

ALTER TABLE device DROP CONSTRAINT ck_device_state;
ALTER TABLE device ADD CONSTRAINT ck_device_state
    CHECK (state IN ('pending', 'in-service', 'quarantined', 'lost', 'decommissioned'));

ALTER TABLE certificate ADD COLUMN supersede_after TIMESTAMPTZ;
CREATE INDEX ix_certificate_supersede_after ON certificate (supersede_after) WHERE supersede_after IS NOT NULL;
