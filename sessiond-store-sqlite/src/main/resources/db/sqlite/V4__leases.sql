-- Leases that hand a periodic task (the sweep) to one node at a time. until is epoch
-- milliseconds, as in V1; a lease whose until is at or before now is free.
CREATE TABLE leases (
  name   TEXT    NOT NULL PRIMARY KEY,
  holder TEXT    NOT NULL,
  until  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
