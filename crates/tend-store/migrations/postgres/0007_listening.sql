-- Active listening: the couple's current guided exchange, as the state machine of
-- tend_core::listening (JSON), with a version that moves on every step (both devices follow it).

CREATE TABLE listenings (
    couple_id TEXT PRIMARY KEY REFERENCES couples(id),
    state TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
