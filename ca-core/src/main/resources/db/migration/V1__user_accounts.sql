-- People who sign in to the console and the admin API. Passwords are bcrypt hashes (modular crypt format).
CREATE TABLE user_account (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT uq_user_account_username UNIQUE (username),
    CONSTRAINT ck_user_account_username CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$')
);

CREATE TABLE user_role (
    user_id BIGINT      NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT ck_user_role_role CHECK (role IN ('admin', 'biomed', 'auditor'))
);
