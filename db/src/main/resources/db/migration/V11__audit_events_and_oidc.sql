-- The platform's own audit log, and the single sign-on role mappings.
--
-- audit_events is append-only. Two guards, so that no role the host uses can change history:
--  1. a trigger refuses every UPDATE, DELETE and TRUNCATE. It is enabled ALWAYS, so it fires for
--     superusers too and even with session_replication_role = replica (the embedded server's user,
--     'postgres', is a superuser, for whom grants do not count);
--  2. grants: the table's owner (the role that ran this migration) gives up UPDATE, DELETE and
--     TRUNCATE on it, and PUBLIC has none. A host that connects as another role than the owner needs
--     only SELECT and INSERT on the table and USAGE on its sequence (docs/audit-and-sso.md).
-- Only the owner could undo this (ALTER TABLE, DROP TRIGGER): keep migrations and the running host
-- on separate roles where that matters.
CREATE TABLE audit_events (
    id        BIGSERIAL     PRIMARY KEY,
    at        TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    actor     VARCHAR(200)  NOT NULL,
    action    VARCHAR(64)   NOT NULL,
    target    VARCHAR(500),
    before    JSONB,
    after     JSONB,
    client    VARCHAR(200),
    -- an admin acting for someone else: a task completed without being its assignee or role, a token
    -- minted for another user
    override  BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX ix_audit_events_actor ON audit_events (actor, id DESC);
CREATE INDEX ix_audit_events_action ON audit_events (action, id DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_update_or_delete;
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate;

REVOKE ALL ON audit_events FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM CURRENT_USER;

-- Single sign-on: which Cadre roles a value of the provider's roles claim (CADRE_OIDC_ROLES_CLAIM,
-- default 'groups') grants. A person none of whose values is here gets no access.
CREATE TABLE oidc_role_mappings (
    claim_value  VARCHAR(200)  PRIMARY KEY,
    roles        TEXT[]        NOT NULL CHECK (cardinality(roles) > 0),
    updated_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- A person who signed in through the provider has a user row (for sessions, inbox and disabling),
-- tied to the provider's subject so a provider name never takes over a local account.
ALTER TABLE cadre_users ADD COLUMN oidc_subject VARCHAR(255);
CREATE UNIQUE INDEX uq_cadre_users_oidc_subject ON cadre_users (oidc_subject) WHERE oidc_subject IS NOT NULL;
