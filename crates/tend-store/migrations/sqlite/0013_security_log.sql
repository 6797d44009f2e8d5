-- Each person's security log: sign-ins, password and email changes, other devices signed out,
-- and changes to what they share. Only its owner reads it; it goes with the account. Events
-- older than a year are let go when a new one is written.

CREATE TABLE security_events (
    id INTEGER PRIMARY KEY,  -- the order of events within one millisecond
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    device TEXT NOT NULL,   -- the device's description for sign-ins, else empty
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX security_events_by_person ON security_events(person_id, at);
