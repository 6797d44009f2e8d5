-- Support when things are hard: the signs a person reports for "when to seek outside help",
-- their special situation (and whether the partner may know they are low on capacity), whether
-- they set aside the safety check offered after sign-up, and private notes (the clarity
-- exercise, never shared; the desires-and-boundaries conversation, shared one by one).

CREATE TABLE person_support (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    reported TEXT NOT NULL,              -- comma-separated signal ids
    situation TEXT,                      -- low_capacity, betrayal, unsure, or none
    tell_partner INTEGER NOT NULL,       -- the partner may know of low capacity (nothing else)
    safety_offer_dismissed INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE private_notes (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- clarity or boundaries
    prompt TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    shared_couple_id TEXT REFERENCES couples(id),
    shared_at INTEGER
) STRICT;
CREATE INDEX private_notes_by_person ON private_notes(person_id, kind, created_at);
CREATE INDEX private_notes_by_shared_couple ON private_notes(shared_couple_id);
