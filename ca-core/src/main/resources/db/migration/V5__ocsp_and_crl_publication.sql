-- Set when a certificate of the CA changes revocation status; cleared when a CRL is published.
-- Read and written under the CA row lock, so every replica sees the same answer.
ALTER TABLE certificate_authority ADD COLUMN crl_stale BOOLEAN NOT NULL DEFAULT TRUE;

-- Who asked about which certificate, for the "revoked pump still trying to connect" and "unknown
-- serial presented" flags. Written in batches off the OCSP hot path.
CREATE TABLE ocsp_lookup (
    issuer_id      BIGINT       NOT NULL REFERENCES certificate_authority (id),
    serial_number  VARCHAR(64)  NOT NULL,
    certificate_id BIGINT REFERENCES certificate (id),
    first_seen     TIMESTAMPTZ  NOT NULL,
    last_seen      TIMESTAMPTZ  NOT NULL,
    lookups        BIGINT       NOT NULL,
    last_requester VARCHAR(64),
    last_status    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (issuer_id, serial_number),
    CONSTRAINT ck_ocsp_lookup_status CHECK (last_status IN ('good', 'revoked', 'on-hold', 'unknown', 'not-issued'))
);
CREATE INDEX ix_ocsp_lookup_certificate ON ocsp_lookup (certificate_id);
CREATE INDEX ix_ocsp_lookup_last_seen ON ocsp_lookup (last_seen);
