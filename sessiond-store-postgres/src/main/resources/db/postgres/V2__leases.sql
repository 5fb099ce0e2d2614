-- Leases that hand a periodic task (the sweep) to one node at a time. A lease whose until is at
-- or before now is free; the holder that has it may extend it.
CREATE TABLE leases (
  name   text COLLATE "C" PRIMARY KEY,
  holder text             NOT NULL,
  until  timestamptz      NOT NULL
);
