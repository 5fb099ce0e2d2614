-- The sessiond schema on PostgreSQL, first release. Flyway runs it inside the schema the store
-- URL names (search_path), so no name below is schema-qualified.
--
-- Conventions: instants are timestamptz (the engine hands whole milliseconds; timestamptz keeps
-- microseconds, so they round-trip exactly). Ids, hashes, tenants, users and every other column
-- that is compared by range or sorted use COLLATE "C": byte order, which for UTF-8 is code-point
-- order, the order the engine's cursors and prefix searches assume, whatever the database's
-- default collation. Statuses are lowercase wire names, checked.

-- One row per session. The ending columns are set exactly when status is not active.
CREATE TABLE sessions (
  id                  text COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id           text COLLATE "C" NOT NULL,
  user_id             text COLLATE "C" NOT NULL,
  username            text COLLATE "C" NOT NULL,
  roles               text[]           NOT NULL,
  client_type         text COLLATE "C" NOT NULL,
  dept_name           text             NOT NULL,
  ip                  text COLLATE "C" NOT NULL,
  user_agent          text             NOT NULL,
  browser             text             NOT NULL,
  os                  text             NOT NULL,
  attributes          jsonb            NOT NULL,
  login_at            timestamptz      NOT NULL,
  last_active_at      timestamptz      NOT NULL,
  expires_at          timestamptz      NOT NULL,
  absolute_expires_at timestamptz      NOT NULL,
  idle_timeout_ms     bigint           NOT NULL,
  status              text COLLATE "C" NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
  ended_at            timestamptz,
  end_reason          text,
  ended_by            text,
  -- The support grant a global admin opened it under; '' for every other session.
  support_grant_id    text COLLATE "C" NOT NULL DEFAULT '',
  CHECK ((ended_at IS NULL) = (status = 'active')),
  CHECK ((end_reason IS NULL) = (status = 'active')),
  CHECK ((ended_by IS NULL) = (status = 'active'))
);

-- Listings: every one is tenant-scoped and ordered login_at DESC, id DESC.
CREATE INDEX sessions_by_tenant   ON sessions (tenant_id, login_at DESC, id DESC);
CREATE INDEX sessions_by_user     ON sessions (tenant_id, user_id, login_at DESC, id DESC);
CREATE INDEX sessions_by_username ON sessions (tenant_id, username, login_at DESC, id DESC);
CREATE INDEX sessions_by_ip       ON sessions (tenant_id, ip, login_at DESC, id DESC);
-- Status filters and tenant-wide revocation (a tenant's active sessions).
CREATE INDEX sessions_by_status   ON sessions (tenant_id, status, login_at DESC, id DESC);

-- Sweeps. Expiry: active sessions by expiry. Purge and the revocation listing: ended ones by end
-- time. Ending a grant's sessions: its active ones; only granted sessions are indexed.
CREATE INDEX sessions_due      ON sessions (expires_at) WHERE status = 'active';
CREATE INDEX sessions_ended    ON sessions (ended_at) WHERE status <> 'active';
CREATE INDEX sessions_by_grant ON sessions (support_grant_id)
  WHERE support_grant_id <> '' AND status = 'active';

-- Refresh-token families: every token a session has had, keyed by the token's SHA-256 (hex).
-- The head of a family is its one row with rotated_at NULL. Rows go with their session.
CREATE TABLE refresh_tokens (
  hash       text COLLATE "C" NOT NULL PRIMARY KEY,
  session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  issued_at  timestamptz      NOT NULL,
  rotated_at timestamptz
);

-- The head lookup, and the rule that a family never has two heads.
CREATE UNIQUE INDEX refresh_tokens_head ON refresh_tokens (session_id) WHERE rotated_at IS NULL;
-- The whole family, for the cascade when a session is purged.
CREATE INDEX refresh_tokens_family ON refresh_tokens (session_id);

-- Keys that sign access tokens; the private half only encrypted. Active while retired_at is NULL.
CREATE TABLE signing_keys (
  kid                   text COLLATE "C" NOT NULL PRIMARY KEY,
  algorithm             text COLLATE "C" NOT NULL,
  public_jwk            text             NOT NULL,
  encrypted_private_key bytea            NOT NULL,
  created_at            timestamptz      NOT NULL,
  retired_at            timestamptz
);

-- At most one active key per algorithm.
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (algorithm) WHERE retired_at IS NULL;

-- Time-bounded bans on a session name or jti, per tenant.
CREATE TABLE blacklist (
  tenant_id  text COLLATE "C" NOT NULL,
  name       text COLLATE "C" NOT NULL,
  created_at timestamptz      NOT NULL,
  expires_at timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, name)
);

-- Listing the bans in force, and purging lapsed ones.
CREATE INDEX blacklist_by_expiry ON blacklist (expires_at);

-- Not-before marks per user; user_id '' is the mark of the whole tenant.
CREATE TABLE watermarks (
  tenant_id  text COLLATE "C" NOT NULL,
  user_id    text COLLATE "C" NOT NULL,
  not_before timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);

-- API keys, never the key itself: secret_hash is its SHA-256 (hex). methods holds the method wire
-- names, sorted. tenant_id '*' is a key of every tenant. Live while revoked_at is NULL.
CREATE TABLE api_keys (
  id          text COLLATE "C" NOT NULL PRIMARY KEY,
  name        text             NOT NULL,
  tenant_id   text COLLATE "C" NOT NULL,
  methods     text[]           NOT NULL,
  secret_hash text COLLATE "C" NOT NULL,
  created_at  timestamptz      NOT NULL,
  created_by  text             NOT NULL,
  revoked_at  timestamptz
);

-- The listing, oldest first.
CREATE INDEX api_keys_by_age ON api_keys (created_at, id);

-- A tenant's time-bounded permission for global admins. The ending columns are set exactly when
-- it is not active.
CREATE TABLE support_grants (
  id         text COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id  text COLLATE "C" NOT NULL,
  note       text             NOT NULL,
  created_at timestamptz      NOT NULL,
  created_by text             NOT NULL,
  expires_at timestamptz      NOT NULL,
  status     text COLLATE "C" NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
  ended_at   timestamptz,
  ended_by   text,
  CHECK ((ended_at IS NULL) = (status = 'active')),
  CHECK ((ended_by IS NULL) = (status = 'active'))
);

-- A tenant's grants, newest first.
CREATE INDEX support_grants_by_tenant ON support_grants (tenant_id, created_at DESC, id DESC);
-- A tenant's grants in force, latest expiry first.
CREATE INDEX support_grants_active ON support_grants (tenant_id, expires_at DESC, id DESC)
  WHERE status = 'active';
-- The sweep: grants still stored as active, by expiry.
CREATE INDEX support_grants_due ON support_grants (expires_at, id) WHERE status = 'active';

-- The audit log. seq is the position appends get, from an identity (a sequence without cache), so
-- it grows with every append on every node and is never reused, even after a purge. It never
-- holds a secret. tenant_id '*' marks deployment-wide records.
CREATE TABLE audit_log (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz      NOT NULL,
  tenant_id  text COLLATE "C" NOT NULL,
  action     text             NOT NULL,
  actor_kind text             NOT NULL,
  actor_id   text COLLATE "C" NOT NULL,
  target     text COLLATE "C" NOT NULL,
  ip         text             NOT NULL,
  outcome    text             NOT NULL,
  detail     text             NOT NULL
);

-- Queries are newest first (seq DESC) inside a tenant, optionally of one actor or one target.
CREATE INDEX audit_by_tenant ON audit_log (tenant_id, seq);
CREATE INDEX audit_by_actor  ON audit_log (tenant_id, actor_id, seq);
CREATE INDEX audit_by_target ON audit_log (tenant_id, target, seq);
-- Retention: the oldest records first.
CREATE INDEX audit_by_time   ON audit_log (at, seq);
