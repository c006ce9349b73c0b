-- Outgoing notifications (webhooks and e-mail) and what became of them: tried until delivered, with
-- exponential backoff, then given up as failed. The log of every attempt's outcome.
CREATE TABLE notification_delivery (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         VARCHAR(16)  NOT NULL,
    target          VARCHAR(200) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    flag_id         BIGINT REFERENCES flag (id),
    subject         TEXT         NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT ck_notification_channel CHECK (channel IN ('webhook', 'email')),
    CONSTRAINT ck_notification_kind CHECK (kind IN ('flag', 'digest')),
    CONSTRAINT ck_notification_status CHECK (status IN ('pending', 'delivered', 'failed'))
);
CREATE INDEX ix_notification_due ON notification_delivery (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX ix_notification_created ON notification_delivery (created_at DESC, id DESC);
