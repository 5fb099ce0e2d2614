-- Who may call sessiond and what it did: API keys, support grants, the audit log, and the
-- support grant a session was opened under. Instants are epoch milliseconds, as in V1.

-- The grant a global admin opened the session under; '' for every other session.
ALTER TABLE sessions ADD COLUMN support_grant_id TEXT NOT NULL DEFAULT '';

-- Ending a grant's sessions: its active ones, by grant id. Only granted sessions are indexed.
CREATE INDEX sessions_by_grant ON sessions (support_grant_id)
  WHERE support_grant_id <> '' AND status = 'active';

-- API keys, never the key itself: secret_hash is its SHA-256 (hex). methods is a JSON array of
-- the method wire names, sorted. tenant_id '*' is a key of every tenant. Live while revoked_at
-- is NULL.
CREATE TABLE api_keys (
  id          TEXT    NOT NULL PRIMARY KEY,
  name        TEXT    NOT NULL,
  tenant_id   TEXT    NOT NULL,
  methods     TEXT    NOT NULL,
  secret_hash TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT    NOT NULL,
  revoked_at  INTEGER
) STRICT, WITHOUT ROWID;

-- The listing, oldest first.
CREATE INDEX api_keys_by_age ON api_keys (created_at, id);

-- A tenant's time-bounded permission for global admins. status is the lowercase name; the ending
-- columns are set exactly when it is not active.
CREATE TABLE support_grants (
  id         TEXT    NOT NULL PRIMARY KEY,
  tenant_id  TEXT    NOT NULL,
  note       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  status     TEXT    NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
  ended_at   INTEGER,
  ended_by   TEXT,
  CHECK ((ended_at IS NULL) = (status = 'active')),
  CHECK ((ended_by IS NULL) = (status = 'active'))
) STRICT, WITHOUT ROWID;

-- A tenant's grants, newest first.
CREATE INDEX support_grants_by_tenant ON support_grants (tenant_id, created_at DESC, id DESC);
-- A tenant's grants in force, latest expiry first.
CREATE INDEX support_grants_active ON support_grants (tenant_id, expires_at DESC, id DESC)
  WHERE status = 'active';
-- The sweep: grants still stored as active, by expiry.
CREATE INDEX support_grants_due ON support_grants (expires_at) WHERE status = 'active';

-- The audit log. seq is the position appends get: AUTOINCREMENT never reuses one, even after a
-- purge. It never holds a secret. tenant_id '*' marks deployment-wide records.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  tenant_id  TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  actor_kind TEXT    NOT NULL,
  actor_id   TEXT    NOT NULL,
  target     TEXT    NOT NULL,
  ip         TEXT    NOT NULL,
  outcome    TEXT    NOT NULL,
  detail     TEXT    NOT NULL
) STRICT;

-- Queries are newest first (seq DESC) inside a tenant, optionally of one actor or one target.
CREATE INDEX audit_by_tenant ON audit_log (tenant_id, seq);
CREATE INDEX audit_by_actor  ON audit_log (tenant_id, actor_id, seq);
CREATE INDEX audit_by_target ON audit_log (tenant_id, target, seq);
-- Retention: the oldest records first.
CREATE INDEX audit_by_time   ON audit_log (at);
