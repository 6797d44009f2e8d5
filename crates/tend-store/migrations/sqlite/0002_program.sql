-- The program's records: check-ups, weekly pulses, and the couple's 8-week plan.
-- What a person wrote cascades away with their account.

CREATE TABLE checkups (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    -- JSON: item id -> answer 0..3
    answers TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    -- the couple this result is shared with, NULL while private
    shared_couple_id TEXT
) STRICT;
CREATE INDEX checkups_by_person ON checkups(person_id, taken_at);
CREATE INDEX checkups_by_shared_couple ON checkups(shared_couple_id);

CREATE TABLE pulses (
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    -- the ISO week in the person's own time zone, e.g. 2026-W48
    week TEXT NOT NULL,
    -- JSON: item id -> answer 1..5
    answers TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, week)
) STRICT;

CREATE TABLE plans (
    couple_id TEXT PRIMARY KEY REFERENCES couples(id),
    -- JSON: the start date, pauses and repeated weeks (tend_core::plan_calendar::Schedule)
    schedule TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE plan_marks (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    slot INTEGER NOT NULL,
    step_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    done_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, slot, step_id, person_id)
) STRICT;

CREATE TABLE plan_smaller (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    slot INTEGER NOT NULL,
    step_id TEXT NOT NULL,
    PRIMARY KEY (couple_id, slot, step_id)
) STRICT;
