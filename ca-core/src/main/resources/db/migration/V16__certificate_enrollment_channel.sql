-- Whether the device obtained the certificate itself over EST: such devices renew themselves, the
-- others need a biomed to load the renewed certificate (the renewal work list).
ALTER TABLE certificate ADD COLUMN enrolled_over_est BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE certificate SET enrolled_over_est = TRUE
    WHERE serial_number IN (SELECT target_id FROM audit_event
                            WHERE action IN ('certificate.issued', 'certificate.renewed') AND actor LIKE 'device:%');
