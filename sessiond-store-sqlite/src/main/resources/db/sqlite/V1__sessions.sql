-- One row per session. Instants are epoch milliseconds; roles and attributes are JSON text;
-- status is the lowercase wire name. The ending columns are set exactly when status is not active.
CREATE TABLE sessions (
  id                  TEXT    NOT NULL PRIMARY KEY,
  tenant_id           TEXT    NOT NULL,
  user_id             TEXT    NOT NULL,
  username            TEXT    NOT NULL,
  roles               TEXT    NOT NULL,
  client_type         TEXT    NOT NULL,
  dept_name           TEXT    NOT NULL,
  ip                  TEXT    NOT NULL,
  user_agent          TEXT    NOT NULL,
  browser             TEXT    NOT NULL,
  os                  TEXT    NOT NULL,
  attributes          TEXT    NOT NULL,
  login_at            INTEGER NOT NULL,
  last_active_at      INTEGER NOT NULL,
  expires_at          INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  idle_timeout_ms     INTEGER NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
  ended_at            INTEGER,
  end_reason          TEXT,
  ended_by            TEXT,
  CHECK ((ended_at IS NULL) = (status = 'active')),
  CHECK ((end_reason IS NULL) = (status = 'active')),
  CHECK ((ended_by IS NULL) = (status = 'active'))
) STRICT;

-- Listings: every one is tenant-scoped and ordered login_at DESC, id DESC.
CREATE INDEX sessions_by_tenant   ON sessions (tenant_id, login_at DESC, id DESC);
CREATE INDEX sessions_by_user     ON sessions (tenant_id, user_id, login_at DESC, id DESC);
CREATE INDEX sessions_by_username ON sessions (tenant_id, username, login_at DESC, id DESC);
CREATE INDEX sessions_by_ip       ON sessions (tenant_id, ip, login_at DESC, id DESC);
CREATE INDEX sessions_by_status   ON sessions (tenant_id, status, login_at DESC, id DESC);

-- Sweeper: active sessions by expiry, ended sessions by end time.
CREATE INDEX sessions_due   ON sessions (expires_at) WHERE status = 'active';
CREATE INDEX sessions_ended ON sessions (ended_at) WHERE status <> 'active';
