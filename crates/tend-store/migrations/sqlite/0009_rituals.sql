-- Rituals and the things a couple keeps together: the daily rituals' schedule and answers (shown
-- to the partner only after both answered or the writer's day ended), the shared screen-free
-- timer, the weekly check with its notes, the appreciation journal, shared joy, time capsules,
-- own-your-part experiments and small wins. Times are milliseconds since the epoch; `day` columns
-- hold a local date (YYYY-MM-DD) in the writer's own time zone.

CREATE TABLE ritual_schedules (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    kind TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    days INTEGER NOT NULL,            -- bit 0 is Monday … bit 6 is Sunday
    at_minute INTEGER NOT NULL,       -- minutes after midnight, in each person's own time zone
    PRIMARY KEY (couple_id, kind)
) STRICT;

CREATE TABLE ritual_answers (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    day_ends_at INTEGER NOT NULL,     -- when that day ended for the writer: the latest reveal
    text TEXT NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, kind, day, person_id)
) STRICT;
CREATE INDEX ritual_answers_by_couple_day ON ritual_answers(couple_id, day);

CREATE TABLE timers (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    started_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    joined_by TEXT REFERENCES persons(id) ON DELETE SET NULL,
    joined_at INTEGER,
    stopped_at INTEGER
) STRICT;
CREATE INDEX timers_by_couple ON timers(couple_id, started_at);

CREATE TABLE weekly_checks (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    started_at INTEGER NOT NULL,
    section INTEGER NOT NULL,
    section_started_at INTEGER NOT NULL,
    finished_at INTEGER,
    version INTEGER NOT NULL
) STRICT;
CREATE INDEX weekly_checks_by_couple ON weekly_checks(couple_id, started_at);

CREATE TABLE weekly_check_notes (
    id TEXT PRIMARY KEY,
    check_id TEXT NOT NULL REFERENCES weekly_checks(id),
    section TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX weekly_check_notes_by_check ON weekly_check_notes(check_id, created_at);

CREATE TABLE journal_entries (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    shared_couple_id TEXT REFERENCES couples(id),  -- set only when the author shares it
    shared_at INTEGER,
    shared_in_check TEXT REFERENCES weekly_checks(id)
) STRICT;
CREATE INDEX journal_by_person ON journal_entries(person_id, created_at);
CREATE INDEX journal_by_shared_couple ON journal_entries(shared_couple_id);

CREATE TABLE joy_plans (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    planned_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    idea TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    phones_off INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    done_at INTEGER,
    enjoyed TEXT
) STRICT;
CREATE INDEX joy_by_couple ON joy_plans(couple_id, planned_on);

CREATE TABLE capsules (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    author_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    hopes TEXT NOT NULL,
    fears TEXT NOT NULL,
    needs TEXT NOT NULL,
    sealed_at INTEGER NOT NULL,
    opens_on TEXT NOT NULL,
    opens_at INTEGER NOT NULL,
    author_ready_at INTEGER,
    partner_ready_at INTEGER,
    opened_at INTEGER,
    cancelled_at INTEGER
) STRICT;
CREATE INDEX capsules_by_couple ON capsules(couple_id, sealed_at);

CREATE TABLE experiments (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    behaviour TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    reflection TEXT,
    reflected_at INTEGER,
    shared_at INTEGER
) STRICT;
CREATE INDEX experiments_by_person ON experiments(person_id, started_at);

CREATE TABLE experiment_days (
    experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    kept INTEGER NOT NULL,
    PRIMARY KEY (experiment_id, day)
) STRICT;

CREATE TABLE wins (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    day TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX wins_by_couple ON wins(couple_id, day);
