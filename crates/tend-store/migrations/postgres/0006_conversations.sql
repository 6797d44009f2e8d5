-- Safer hard conversations: ground rules both accept (versioned), repair attempts, invitations
-- to talk sent with a gentle opener, and scheduled hard talks with what was agreed.

CREATE TABLE ground_rules (
    couple_id TEXT PRIMARY KEY REFERENCES couples(id),
    -- the latest proposal: JSON list of rules, its version, who proposed it
    draft TEXT NOT NULL,
    draft_version BIGINT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at BIGINT NOT NULL,
    -- the version both have accepted (NULL until the first yes)
    accepted TEXT,
    accepted_version BIGINT,
    accepted_at BIGINT
);

CREATE TABLE repairs (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    offered_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    offered_at BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX repairs_by_couple ON repairs(couple_id, offered_at);

CREATE TABLE talk_invitations (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    sent_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    proposed_at BIGINT NOT NULL,
    -- open, accepted, other-time, not-now
    status TEXT NOT NULL,
    answer_note TEXT,
    other_time BIGINT,
    sent_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX talk_invitations_by_couple ON talk_invitations(couple_id, sent_at);

CREATE TABLE hard_talks (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    scheduled_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    minutes BIGINT NOT NULL,
    agreed TEXT,
    closed_at BIGINT
);
CREATE INDEX hard_talks_by_couple ON hard_talks(couple_id, starts_at);
