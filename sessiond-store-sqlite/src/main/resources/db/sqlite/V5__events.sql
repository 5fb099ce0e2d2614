-- The event feed: every state change, in the write that made it. seq is the feed position:
-- AUTOINCREMENT never reuses one, even after a purge, and sqlite_sequence keeps the last one given.
-- at and until are epoch milliseconds, as in V1; type is the wire name (session.revoked, ...).
-- Fields that do not apply to the type are '' (until is NULL but on blacklisted events). It never
-- holds a secret.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  tenant_id  TEXT    NOT NULL,
  session_id TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  until      INTEGER,
  CHECK ((until IS NULL) = (type <> 'blacklisted'))
) STRICT;

-- Reads page by seq (the primary key); purges take the oldest by seq. No other index is needed.

-- One row: the highest seq a purge deleted, 0 while nothing was purged.
CREATE TABLE event_feed (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  purged_through INTEGER NOT NULL
) STRICT;

INSERT INTO event_feed (id, purged_through) VALUES (1, 0);
