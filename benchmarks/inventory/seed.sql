-- Seeds the inventory for the query benchmark (run.sh): :devices devices and their certificates,
-- issued by the issuing CA :issuer_id. Only for a throw-away database: rows go straight into the
-- tables, without audit events, and certificate DER is filler, not a certificate.
--
-- The mix, decided per device by a hash of its number so that every run seeds the same inventory:
--   kind   96 % pump, 2 % pump-server, 2 % radius-server
--   state  90 % in-service, 4 % quarantined, 2 % lost, 4 % decommissioned
--   newest certificate of an in-service device: 8 % none, 6 % expired, 7 % expiring within 30 days,
--   the rest valid; quarantined devices' certificates are on hold, lost and decommissioned devices'
--   are revoked. Every third device with a certificate also has an older, expired one it replaced.

\set ON_ERROR_STOP on

BEGIN;

CREATE TEMP TABLE seed ON COMMIT DROP AS
SELECT i,
       md5('pumppki-inventory-' || i)::uuid AS id,
       CASE WHEN i % 50 = 0 THEN 'radius-server' WHEN i % 25 = 0 THEN 'pump-server' ELSE 'pump' END AS kind,
       abs(hashtext('state-' || i)) % 100 AS state_bucket,
       abs(hashtext('certificate-' || i)) % 100 AS certificate_bucket,
       abs(hashtext('days-' || i)) AS days_hash,
       now() - interval '1095 days' + (interval '1095 days' / :devices) * i AS created_at
FROM generate_series(1, :devices) AS i;

ALTER TABLE seed ADD COLUMN state TEXT, ADD COLUMN certificate_status TEXT;
UPDATE seed SET state = CASE
        WHEN state_bucket < 90 THEN 'in-service'
        WHEN state_bucket < 94 THEN 'quarantined'
        WHEN state_bucket < 96 THEN 'lost'
        ELSE 'decommissioned' END;
UPDATE seed SET certificate_status = CASE
        WHEN state = 'quarantined' THEN 'on-hold'
        WHEN state IN ('lost', 'decommissioned') THEN 'revoked'
        WHEN certificate_bucket < 8 THEN 'none'
        WHEN certificate_bucket < 14 THEN 'expired'
        WHEN certificate_bucket < 21 THEN 'expiring'
        ELSE 'valid' END;

INSERT INTO device (id, kind, serial, manufacturer, model, udi, mac_address, firmware, location, state,
                    hostnames, created_at, updated_at, version)
SELECT id,
       kind,
       CASE kind WHEN 'pump' THEN 'PCU-' ELSE 'SRV-' END || lpad(i::text, 7, '0'),
       CASE kind WHEN 'radius-server' THEN 'FreeRADIUS Project'
                 ELSE (ARRAY['Acme Infusion', 'Example Medical', 'Infusia', 'Northwind Devices'])[1 + i % 4] END,
       CASE kind WHEN 'pump' THEN (ARRAY['8015', '8100', 'Space', 'Agilia', 'Volumat', 'Sigma', 'Spectrum', 'Plum'])[1 + (i / 4) % 8]
                 WHEN 'pump-server' THEN 'Gateway 2'
                 ELSE 'FreeRADIUS 3.2' END,
       CASE kind WHEN 'pump' THEN '(01)' || lpad((1000003 * (1 + (i / 4) % 8))::text, 14, '0') || '(21)' || lpad(i::text, 7, '0') END,
       '00:1a:2b:' || lpad(to_hex((i >> 16) & 255), 2, '0') || ':' || lpad(to_hex((i >> 8) & 255), 2, '0')
           || ':' || lpad(to_hex(i & 255), 2, '0'),
       '12.' || (i % 4) || '.' || (i % 7),
       (ARRAY['ICU', 'NICU', 'PICU', 'OR', 'ER', 'Oncology', 'Cardiology', 'Maternity', 'Surgery', 'Pediatrics'])[1 + i % 10]
           || '-' || (1 + (i / 10) % 20) || ' ' || (ARRAY['West', 'East'])[1 + (i / 200) % 2],
       state,
       CASE kind WHEN 'pump' THEN '{}'::text[] ELSE ARRAY['srv-' || i || '.hospital.example'] END,
       created_at,
       created_at,
       0
FROM seed;

-- Generation 2 is the newest certificate; generation 1 the expired one it replaced.
CREATE TEMP TABLE seed_certificate ON COMMIT DROP AS
SELECT s.i, s.id AS device_id, 2 AS generation, s.certificate_status AS status,
       CASE s.kind WHEN 'pump' THEN 'pump' ELSE s.kind END AS profile,
       CASE s.kind WHEN 'pump' THEN interval '730 days' ELSE interval '365 days' END AS validity,
       CASE s.certificate_status
           WHEN 'expiring' THEN now() + interval '1 day' * (1 + s.days_hash % 29)
           WHEN 'expired' THEN now() - interval '1 day' * (1 + s.days_hash % 300)
           ELSE now() + interval '1 day' * (31 + s.days_hash % 330) END AS not_after
FROM seed s
WHERE s.certificate_status <> 'none';

INSERT INTO seed_certificate (i, device_id, generation, status, profile, validity, not_after)
SELECT i, device_id, 1, 'valid', profile, validity, not_after - validity + interval '14 days'
FROM seed_certificate
WHERE i % 3 = 0;

INSERT INTO certificate (issuer_id, serial_number, subject_dn, subject_alt_names, profile, device_id, status,
                         not_before, not_after, revoked_at, revocation_reason, der, sha256_fingerprint,
                         public_key_sha256, issued_at)
SELECT :issuer_id,
       substr(md5('serial-' || c.generation || '-' || c.i), 1, 32),
       'CN=' || d.serial || ',O=Example Hospital',
       CASE WHEN d.kind <> 'pump' THEN 'DNS:' || d.hostnames[1] END,
       c.profile,
       c.device_id,
       CASE WHEN c.generation = 1 THEN 'valid' WHEN c.status IN ('on-hold', 'revoked') THEN c.status ELSE 'valid' END,
       c.not_after - c.validity,
       c.not_after,
       CASE WHEN c.generation = 2 AND c.status IN ('on-hold', 'revoked') THEN now() - interval '1 day' * (1 + c.i % 90) END,
       CASE WHEN c.generation = 2 AND c.status = 'on-hold' THEN 'certificateHold'
            WHEN c.generation = 2 AND c.status = 'revoked' AND d.state = 'lost' THEN 'keyCompromise'
            WHEN c.generation = 2 AND c.status = 'revoked' THEN 'cessationOfOperation' END,
       decode(repeat(md5('der-' || c.generation || '-' || c.i), 40), 'hex'),
       encode(sha256(('fingerprint-' || c.generation || '-' || c.i)::bytea), 'hex'),
       encode(sha256(('public-key-' || c.i)::bytea), 'hex'),
       c.not_after - c.validity
FROM seed_certificate c
JOIN device d ON d.id = c.device_id
ORDER BY c.generation, c.i;

UPDATE device d
SET current_certificate_id = newest.id
FROM (SELECT DISTINCT ON (device_id) device_id, id
      FROM certificate
      WHERE device_id IS NOT NULL
      ORDER BY device_id, issued_at DESC, id DESC) newest
WHERE newest.device_id = d.id;

COMMIT;

-- The update above rewrote every device row; vacuum so that the visibility map is as it would be
-- in a long-running database, then refresh the planner statistics.
VACUUM ANALYZE device;
VACUUM ANALYZE certificate;
