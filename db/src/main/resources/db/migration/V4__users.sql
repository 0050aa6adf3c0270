-- People and their rights: users with roles ('admin', 'operator', 'metrics', or a task role matched
-- against a manual step's assigneeRole), password hashes (bcrypt) and personal API tokens (SHA-256 of a
-- high-entropy random token; the token itself is shown once and never stored).
CREATE TABLE cadre_users (
    id             BIGSERIAL    PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]*$'),
    display_name   VARCHAR(200) NOT NULL,
    roles          TEXT[]       NOT NULL DEFAULT '{}',
    password_hash  VARCHAR(100),
    disabled       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at  TIMESTAMPTZ,
    CONSTRAINT uq_cadre_users_username UNIQUE (username)
);

CREATE TABLE cadre_user_tokens (
    id            BIGSERIAL    PRIMARY KEY,
    user_id       BIGINT       NOT NULL REFERENCES cadre_users (id) ON DELETE CASCADE,
    token_sha256  CHAR(64)     NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT uq_cadre_user_tokens_hash UNIQUE (token_sha256)
);
CREATE INDEX ix_cadre_user_tokens_user ON cadre_user_tokens (user_id);
