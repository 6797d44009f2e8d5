-- The couple's key (tend_core::sealing::pair): what the two partners share is sealed under it.
-- Each member holds it in couple_keys, sealed to their public key ("b1.", from a partner who
-- handed it over) until their first use, then wrapped under their own data key ("k1."). The
-- couple's current key is couples.key_id; a wrap of another key id doesn't count. A person's
-- public key is kept beside their wrapped data key; its secret half is derived from the data key.
-- A shared journal entry keeps its author's words sealed under the author's key (text) and the
-- words the partner reads in shared_text, sealed under the couple's key once there is one.

ALTER TABLE person_keys ADD COLUMN public_key TEXT;
ALTER TABLE couples ADD COLUMN key_id TEXT;

CREATE TABLE couple_keys (
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    key_id TEXT NOT NULL,
    wrapped TEXT NOT NULL,
    PRIMARY KEY (couple_id, person_id)
) STRICT;

ALTER TABLE journal_entries ADD COLUMN shared_text TEXT;
ALTER TABLE journal_entries ADD COLUMN shared_sealed INTEGER NOT NULL DEFAULT 0;

-- A weekly-check note is kept the same way: the author's copy (text) and the partner's.
ALTER TABLE weekly_check_notes ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE weekly_check_notes ADD COLUMN shared_text TEXT;
ALTER TABLE weekly_check_notes ADD COLUMN shared_sealed INTEGER NOT NULL DEFAULT 0;

-- And a ritual answer (the partner's copy is read only after the reveal-after-both rule allows).
ALTER TABLE ritual_answers ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ritual_answers ADD COLUMN shared_text TEXT;
ALTER TABLE ritual_answers ADD COLUMN shared_sealed INTEGER NOT NULL DEFAULT 0;

-- And a small win either partner logs.
ALTER TABLE wins ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wins ADD COLUMN shared_text TEXT;
ALTER TABLE wins ADD COLUMN shared_sealed INTEGER NOT NULL DEFAULT 0;

-- And a repair offer (its author is offered_by).
ALTER TABLE repairs ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE repairs ADD COLUMN shared_text TEXT;
ALTER TABLE repairs ADD COLUMN shared_sealed INTEGER NOT NULL DEFAULT 0;

-- An invite carries the couple's key wrapped under a key derived from its link's token (which only
-- the two partners see; the database keeps the token's hash), so whoever joins by the link holds
-- the key at once. A short code is too short to protect a key from whoever holds the files: who
-- joins by code receives the key from their partner, sealed to their public key.
ALTER TABLE invites ADD COLUMN couple_key TEXT;
