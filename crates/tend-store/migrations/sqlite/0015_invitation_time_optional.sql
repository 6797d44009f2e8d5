-- An invitation to talk may leave the time open ("whenever suits you"): proposed_at becomes
-- optional. SQLite cannot drop NOT NULL in place, so the table is rebuilt with its rows.

CREATE TABLE talk_invitations_new (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    sent_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    proposed_at INTEGER,
    -- open, accepted, other-time, not-now
    status TEXT NOT NULL,
    answer_note TEXT,
    other_time INTEGER,
    sent_at INTEGER NOT NULL,
    answered_at INTEGER
) STRICT;
INSERT INTO talk_invitations_new (id, couple_id, sent_by, text, proposed_at, status, answer_note, other_time, sent_at, answered_at)
    SELECT id, couple_id, sent_by, text, proposed_at, status, answer_note, other_time, sent_at, answered_at FROM talk_invitations;
DROP TABLE talk_invitations;
ALTER TABLE talk_invitations_new RENAME TO talk_invitations;
CREATE INDEX talk_invitations_by_couple ON talk_invitations(couple_id, sent_at);
