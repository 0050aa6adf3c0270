-- One platform across hosts. Plugin JARs live here, stored once by their SHA-256; a release (plugin id +
-- version) points at its JAR and carries the state every host moves towards. Hosts register themselves
-- with a heartbeat and report, per release, whether they loaded it and why not. Console sessions live
-- here too, so any host accepts a sign-in made on another and a restart signs nobody out.
CREATE TABLE plugin_jars (
    sha256      CHAR(64)     PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes  INTEGER      NOT NULL,
    content     BYTEA        NOT NULL,
    stored_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE plugin_releases (
    plugin_id      VARCHAR(100) NOT NULL,
    version        VARCHAR(100) NOT NULL,
    sha256         CHAR(64)     NOT NULL REFERENCES plugin_jars (sha256),
    desired_state  VARCHAR(10)  NOT NULL CHECK (desired_state IN ('ENABLED', 'DISABLED', 'REMOVED')),
    installed_by   VARCHAR(200) NOT NULL,
    installed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    changed_by     VARCHAR(200) NOT NULL,
    changed_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (plugin_id, version)
);
CREATE INDEX ix_plugin_releases_sha256 ON plugin_releases (sha256);

CREATE TABLE cluster_hosts (
    host_id      VARCHAR(64)  PRIMARY KEY,
    host_name    VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    version      VARCHAR(64),
    admin_url    VARCHAR(500),
    builtins     TEXT[]       NOT NULL DEFAULT '{}',
    started_at   TIMESTAMPTZ  NOT NULL,
    last_seen    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE cluster_host_releases (
    host_id     VARCHAR(64)  NOT NULL REFERENCES cluster_hosts (host_id) ON DELETE CASCADE,
    plugin_id   VARCHAR(100) NOT NULL,
    version     VARCHAR(100) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    state       VARCHAR(20)  NOT NULL,
    reason      TEXT,
    handlers    TEXT[]       NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (host_id, plugin_id, version)
);

-- The session id is never stored: only its SHA-256, so reading this table signs nobody in.
CREATE TABLE console_sessions (
    id_sha256   CHAR(64)     PRIMARY KEY,
    username    VARCHAR(64)  NOT NULL,
    csrf        VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    last_seen   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_console_sessions_username ON console_sessions (username);
