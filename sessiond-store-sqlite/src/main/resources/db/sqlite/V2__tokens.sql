-- What makes tokens work and stop working besides a session's status. Instants are epoch
-- milliseconds, as in V1.

-- Refresh-token families: every token a session has had, keyed by the token's SHA-256 (hex).
-- The head of a family is its one row with rotated_at NULL. Rows go with their session.
CREATE TABLE refresh_tokens (
  hash       TEXT    NOT NULL PRIMARY KEY,
  session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  issued_at  INTEGER NOT NULL,
  rotated_at INTEGER
) STRICT, WITHOUT ROWID;

-- The head lookup, and the rule that a family never has two heads.
CREATE UNIQUE INDEX refresh_tokens_head ON refresh_tokens (session_id) WHERE rotated_at IS NULL;
-- The whole family, for the cascade when a session is purged.
CREATE INDEX refresh_tokens_family ON refresh_tokens (session_id);

-- Keys that sign access tokens; the private half only encrypted. Active while retired_at is NULL.
CREATE TABLE signing_keys (
  kid                   TEXT    NOT NULL PRIMARY KEY,
  algorithm             TEXT    NOT NULL,
  public_jwk            TEXT    NOT NULL,
  encrypted_private_key BLOB    NOT NULL,
  created_at            INTEGER NOT NULL,
  retired_at            INTEGER
) STRICT;

-- At most one active key per algorithm.
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (algorithm) WHERE retired_at IS NULL;

-- Time-bounded bans on a session name or jti, per tenant.
CREATE TABLE blacklist (
  tenant_id  TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, name)
) STRICT, WITHOUT ROWID;

-- Listing the bans in force, and purging lapsed ones.
CREATE INDEX blacklist_by_expiry ON blacklist (expires_at);

-- Not-before marks per user; user_id '' is the mark of the whole tenant.
CREATE TABLE watermarks (
  tenant_id  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  not_before INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
) STRICT, WITHOUT ROWID;

-- Sessions revoked since a time are served by V1's sessions_ended (ended_at WHERE status <>
-- 'active'); the query repeats that condition so the planner can use the partial index.
