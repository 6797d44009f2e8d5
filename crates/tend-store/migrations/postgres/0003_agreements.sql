-- Agreements a couple writes together (boundaries, time together, needs), each with a date to
-- look at it again. Proposed by one, in force once the other says yes.

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    -- YYYY-MM-DD
    review_on TEXT NOT NULL,
    proposed_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    -- when the other partner said yes; NULL while proposed
    accepted_at BIGINT
);
CREATE INDEX agreements_by_couple ON agreements(couple_id);
