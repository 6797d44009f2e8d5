-- The private safety check: only its outcome is kept (never the answers), and whether the
-- person has the couple's joint hard-talk tools turned off.

CREATE TABLE safety_checks (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    risk INTEGER NOT NULL,
    tools_off INTEGER NOT NULL,
    taken_at INTEGER NOT NULL
) STRICT;
