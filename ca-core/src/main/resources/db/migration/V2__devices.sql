-- The asset inventory (NIST SP 1800-8, CSF ID.AM-1): every certificate belongs to a device.
-- No patient data is ever stored here.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE device (
    id             UUID         PRIMARY KEY,
    kind           VARCHAR(16)  NOT NULL,
    serial         VARCHAR(64)  NOT NULL,
    manufacturer   VARCHAR(100) NOT NULL,
    model          VARCHAR(100) NOT NULL,
    udi            VARCHAR(200),
    mac_address    VARCHAR(17),
    firmware       VARCHAR(64),
    location       VARCHAR(200),
    state          VARCHAR(16)  NOT NULL,
    -- DNS names and IP addresses a pump server or RADIUS server may have in its certificate.
    hostnames      TEXT[]       NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT ck_device_kind CHECK (kind IN ('pump', 'pump-server', 'radius-server')),
    CONSTRAINT ck_device_state CHECK (state IN ('in-service', 'quarantined', 'lost', 'decommissioned')),
    CONSTRAINT ck_device_mac CHECK (mac_address IS NULL OR mac_address ~ '^([0-9a-f]{2}:){5}[0-9a-f]{2}$'),
    CONSTRAINT ck_device_serial CHECK (length(serial) > 0)
);

-- A manufacturer never ships two devices with the same serial number.
CREATE UNIQUE INDEX uq_device_manufacturer_serial ON device (lower(manufacturer), serial);
CREATE INDEX ix_device_serial ON device (serial);
CREATE INDEX ix_device_kind_state ON device (kind, state);
CREATE INDEX ix_device_model ON device (model);
CREATE INDEX ix_device_location ON device (location);
CREATE INDEX ix_device_created_at ON device (created_at, id);
-- Free-text search over the identifying columns (substring match, case-insensitive).
ALTER TABLE device ADD COLUMN search_text TEXT GENERATED ALWAYS AS (lower(
    serial || ' ' || manufacturer || ' ' || model || ' ' || coalesce(udi, '') || ' '
    || coalesce(mac_address, '') || ' ' || coalesce(location, ''))) STORED;
CREATE INDEX ix_device_search ON device USING gin (search_text gin_trgm_ops);
