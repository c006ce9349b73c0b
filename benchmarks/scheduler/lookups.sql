-- Seeds OCSP lookups for the scan benchmark (run.sh), on top of the inventory seed
-- (../inventory/seed.sql): one row per certificate looked up in the last week, as RADIUS servers
-- leave them. Every valid current certificate of a device in service is looked up; so are the held
-- and revoked ones of a hundredth of the devices (pumps still knocking), and a thousand serials
-- nobody issued. Only for a throw-away database.

\set ON_ERROR_STOP on

INSERT INTO ocsp_lookup (issuer_id, serial_number, certificate_id, first_seen, last_seen, lookups, last_requester,
                         last_status)
SELECT c.issuer_id, c.serial_number, c.id,
       now() - interval '6 days',
       greatest(now() - interval '1 hour' * (c.id % 100), coalesce(c.revoked_at, now() - interval '7 days') + interval '1 hour'),
       1 + c.id % 500,
       '10.20.' || (c.id % 4) || '.' || (1 + c.id % 2),
       CASE c.status WHEN 'valid' THEN 'good' ELSE c.status END
FROM certificate c JOIN device d ON d.current_certificate_id = c.id
WHERE (c.status = 'valid' AND d.state = 'in-service' AND c.not_after > now()) OR (c.status <> 'valid' AND d.id::text LIKE '0%' AND c.id % 8 = 0);

INSERT INTO ocsp_lookup (issuer_id, serial_number, certificate_id, first_seen, last_seen, lookups, last_requester,
                         last_status)
SELECT :issuer_id, 'f00d' || lpad(to_hex(i), 8, '0'), NULL, now() - interval '2 days', now() - interval '1 hour', 3,
       '10.20.9.1', 'not-issued'
FROM generate_series(1, 1000) AS i;

VACUUM ANALYZE ocsp_lookup;
