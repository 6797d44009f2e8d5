-- Pauses: the couple's safe word. Either calls one; at least twenty minutes of quiet follow; the
-- one who called it may propose when to come back (within a day); either ends it after the quiet.

CREATE TABLE pauses (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    called_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    started_at BIGINT NOT NULL,
    quiet_until BIGINT NOT NULL,
    return_at BIGINT,
    ended_at BIGINT
);
CREATE INDEX pauses_by_couple ON pauses(couple_id, started_at);
