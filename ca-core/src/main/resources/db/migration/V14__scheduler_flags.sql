-- One row per run of a scheduler job, whichever replica ran it: what GET /api/v1/scheduler/jobs shows,
-- and the proof that a tick ran once. A job runs at most once at a time across the cluster: the
-- partial unique index admits one 'running' row per job.
CREATE TABLE scheduler_job_run (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job           VARCHAR(40)  NOT NULL,
    node          VARCHAR(128) NOT NULL,
    run_trigger   VARCHAR(16)  NOT NULL,
    requested_by  VARCHAR(128),
    scheduled_at  TIMESTAMPTZ,
    started_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ,
    duration_ms   BIGINT,
    outcome       VARCHAR(16)  NOT NULL,
    examined      BIGINT       NOT NULL DEFAULT 0,
    raised        INTEGER      NOT NULL DEFAULT 0,
    resolved      INTEGER      NOT NULL DEFAULT 0,
    message       TEXT,
    CONSTRAINT ck_job_run_trigger CHECK (run_trigger IN ('schedule', 'manual')),
    CONSTRAINT ck_job_run_outcome CHECK (outcome IN ('running', 'succeeded', 'failed', 'abandoned')),
    CONSTRAINT ck_job_run_finished CHECK ((outcome = 'running') = (finished_at IS NULL))
);
CREATE UNIQUE INDEX uq_job_run_running ON scheduler_job_run (job) WHERE outcome = 'running';
CREATE INDEX ix_job_run_job ON scheduler_job_run (job, started_at DESC, id DESC);

-- Work for people: one open flag per (subject, kind), raised by a scan, kept up to date by the next
-- ones and resolved when a scan no longer finds the condition. The subject names what the flag is
-- about: a certificate, a device, a CA, or a serial nobody issued.
CREATE TABLE flag (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              VARCHAR(40)  NOT NULL,
    severity          VARCHAR(16)  NOT NULL,
    subject           VARCHAR(160) NOT NULL,
    device_id         UUID REFERENCES device (id),
    certificate_id    BIGINT REFERENCES certificate (id),
    authority_id      BIGINT REFERENCES certificate_authority (id),
    summary           TEXT         NOT NULL,
    details           TEXT,
    due_at            TIMESTAMPTZ,
    first_seen        TIMESTAMPTZ  NOT NULL,
    last_seen         TIMESTAMPTZ  NOT NULL,
    resolved_at       TIMESTAMPTZ,
    acknowledged_at   TIMESTAMPTZ,
    acknowledged_by   VARCHAR(128),
    acknowledgement   TEXT,
    notified_severity VARCHAR(16),
    CONSTRAINT ck_flag_severity CHECK (severity IN ('info', 'warning', 'critical')),
    CONSTRAINT ck_flag_acknowledged CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE UNIQUE INDEX uq_flag_open ON flag (kind, subject) WHERE resolved_at IS NULL;
CREATE INDEX ix_flag_open_last_seen ON flag (kind, last_seen) WHERE resolved_at IS NULL;
CREATE INDEX ix_flag_device ON flag (device_id);
CREATE INDEX ix_flag_certificate ON flag (certificate_id);
CREATE INDEX ix_flag_first_seen ON flag (first_seen DESC, id DESC);

-- The expiry scan walks valid certificates in notAfter order, a batch at a time (keyset on notAfter, id).
CREATE INDEX ix_certificate_valid_not_after ON certificate (not_after, id) WHERE status = 'valid';
