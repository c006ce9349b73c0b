-- CA private keys: wrapped soft keys (AES-256-GCM under the master key) or references into a PKCS#11 token.
CREATE TABLE ca_key (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        VARCHAR(16)  NOT NULL,
    preset      VARCHAR(32)  NOT NULL,
    reference   VARCHAR(200) NOT NULL,
    wrapped_key BYTEA,
    public_key  BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ck_ca_key_kind CHECK (kind IN ('soft', 'pkcs11')),
    CONSTRAINT ck_ca_key_wrapped CHECK ((kind = 'soft') = (wrapped_key IS NOT NULL)),
    CONSTRAINT uq_ca_key_reference UNIQUE (kind, reference)
);

-- Root and issuing CAs. A CA without a key is an external trust anchor (an enterprise root).
CREATE TABLE certificate_authority (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               VARCHAR(64)  NOT NULL,
    role               VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    parent_id          BIGINT REFERENCES certificate_authority (id),
    key_id             BIGINT REFERENCES ca_key (id),
    subject_dn         TEXT         NOT NULL,
    certificate        BYTEA,
    csr                BYTEA,
    not_before         TIMESTAMPTZ,
    not_after          TIMESTAMPTZ,
    sha256_fingerprint CHAR(64),
    is_default         BOOLEAN      NOT NULL DEFAULT FALSE,
    last_crl_number    BIGINT       NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uq_ca_name UNIQUE (name),
    CONSTRAINT ck_ca_name CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    CONSTRAINT ck_ca_role CHECK (role IN ('root', 'issuing')),
    CONSTRAINT ck_ca_status CHECK (status IN ('pending', 'active', 'retired')),
    CONSTRAINT ck_ca_certificate CHECK (status = 'pending' OR certificate IS NOT NULL),
    CONSTRAINT ck_ca_default_issuing CHECK (NOT is_default OR (role = 'issuing' AND status = 'active'))
);
CREATE UNIQUE INDEX uq_ca_single_default ON certificate_authority (is_default) WHERE is_default;
CREATE UNIQUE INDEX uq_ca_fingerprint ON certificate_authority (sha256_fingerprint);

-- Every certificate the CA issued. Expiry is derived from not_after; status records revocation.
CREATE TABLE certificate (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id           BIGINT       NOT NULL REFERENCES certificate_authority (id),
    serial_number       VARCHAR(40)  NOT NULL,
    subject_dn          TEXT         NOT NULL,
    subject_alt_names   TEXT,
    profile             VARCHAR(32)  NOT NULL,
    device_id           UUID REFERENCES device (id),
    status              VARCHAR(16)  NOT NULL,
    not_before          TIMESTAMPTZ  NOT NULL,
    not_after           TIMESTAMPTZ  NOT NULL,
    revoked_at          TIMESTAMPTZ,
    revocation_reason   VARCHAR(32),
    der                 BYTEA        NOT NULL,
    sha256_fingerprint  CHAR(64)     NOT NULL,
    public_key_sha256   CHAR(64)     NOT NULL,
    issued_at           TIMESTAMPTZ  NOT NULL,
    replaces_id         BIGINT REFERENCES certificate (id),
    CONSTRAINT uq_certificate_issuer_serial UNIQUE (issuer_id, serial_number),
    CONSTRAINT uq_certificate_fingerprint UNIQUE (sha256_fingerprint),
    CONSTRAINT ck_certificate_serial CHECK (serial_number ~ '^[0-9a-f]{1,40}$'),
    CONSTRAINT ck_certificate_status CHECK (status IN ('valid', 'on-hold', 'revoked')),
    CONSTRAINT ck_certificate_revocation CHECK ((status = 'valid') = (revoked_at IS NULL)),
    CONSTRAINT ck_certificate_validity CHECK (not_before < not_after)
);
CREATE INDEX ix_certificate_device ON certificate (device_id, issued_at DESC);
CREATE INDEX ix_certificate_status_not_after ON certificate (status, not_after);
CREATE INDEX ix_certificate_not_after ON certificate (not_after);
CREATE INDEX ix_certificate_public_key ON certificate (public_key_sha256);
CREATE INDEX ix_certificate_profile ON certificate (profile, issued_at DESC);
CREATE INDEX ix_certificate_issued_at ON certificate (issued_at DESC, id DESC);
-- The CRL lists revoked and held certificates of an issuer until one regular CRL after they expired.
CREATE INDEX ix_certificate_crl ON certificate (issuer_id, not_after) WHERE status <> 'valid';

-- The device's newest certificate: what its certificate status (valid, expiring, expired, revoked) is about.
ALTER TABLE device ADD COLUMN current_certificate_id BIGINT REFERENCES certificate (id);
CREATE INDEX ix_device_current_certificate ON device (current_certificate_id);

-- Delegated OCSP responders, one active per issuing CA, rotated before they expire.
CREATE TABLE ocsp_responder (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id      BIGINT      NOT NULL REFERENCES certificate_authority (id),
    key_id         BIGINT      NOT NULL REFERENCES ca_key (id),
    certificate_id BIGINT      NOT NULL REFERENCES certificate (id),
    not_after      TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_ocsp_responder_issuer ON ocsp_responder (issuer_id, not_after DESC);

-- Published CRLs. Numbers come from certificate_authority.last_crl_number, incremented under a row lock.
CREATE TABLE crl (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id   BIGINT      NOT NULL REFERENCES certificate_authority (id),
    crl_number  BIGINT      NOT NULL,
    this_update TIMESTAMPTZ NOT NULL,
    next_update TIMESTAMPTZ NOT NULL,
    entries     INTEGER     NOT NULL,
    der         BYTEA       NOT NULL,
    CONSTRAINT uq_crl_number UNIQUE (issuer_id, crl_number),
    CONSTRAINT ck_crl_number CHECK (crl_number > 0),
    CONSTRAINT ck_crl_times CHECK (this_update < next_update)
);
