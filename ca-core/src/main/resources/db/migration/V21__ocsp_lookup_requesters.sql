-- OCSP lookups per certificate and requester (the RADIUS server or pump server that asked), beside
-- the per-certificate totals in ocsp_lookup, so that a flag names every server a revoked pump was
-- presented to. Both are purged once older than pki.ocsp.lookup-retention.
CREATE TABLE ocsp_lookup_requester (
    issuer_id      BIGINT       NOT NULL REFERENCES certificate_authority (id),
    serial_number  VARCHAR(64)  NOT NULL,
    requester      VARCHAR(64)  NOT NULL,
    first_seen     TIMESTAMPTZ  NOT NULL,
    last_seen      TIMESTAMPTZ  NOT NULL,
    lookups        BIGINT       NOT NULL,
    PRIMARY KEY (issuer_id, serial_number, requester)
);
CREATE INDEX ix_ocsp_lookup_requester_last_seen ON ocsp_lookup_requester (last_seen);
