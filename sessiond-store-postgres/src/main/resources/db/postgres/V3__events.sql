-- The event feed: every state change of the store, in the transaction of the change. seq is the
-- position, from an identity (a sequence without cache); PostgresEvents makes commits happen in
-- seq order, so a reader that reads seq > its cursor misses nothing. type is the wire name; fields
-- that do not apply to the type are '' (until is NULL except on blacklisted events). The feed
-- never holds a secret. tenant_id '*' marks deployment-wide events.
CREATE TABLE events (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz      NOT NULL,
  type       text COLLATE "C" NOT NULL,
  tenant_id  text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL DEFAULT '',
  user_id    text COLLATE "C" NOT NULL DEFAULT '',
  name       text COLLATE "C" NOT NULL DEFAULT '',
  reason     text             NOT NULL DEFAULT '',
  until      timestamptz,
  CHECK ((type = 'blacklisted') = (until IS NOT NULL))
);

-- Retention: finding the events dated before a cutoff without walking the whole feed.
CREATE INDEX events_by_time ON events (at, seq);

-- The feed's one row of state: the highest seq a purge deleted (0: none), which only rises.
CREATE TABLE event_meta (
  one            boolean PRIMARY KEY DEFAULT true CHECK (one),
  purged_through bigint  NOT NULL DEFAULT 0
);
INSERT INTO event_meta DEFAULT VALUES;
