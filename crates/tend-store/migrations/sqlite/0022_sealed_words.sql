-- Words sealed at rest (tend_core::sealing). Each person's data key is kept only wrapped: under
-- their password key and under their recovery code (missing until one is made, and after a reset
-- without it). A reset without the code keeps the old key's recovery wrap (earlier_by_recovery),
-- so words sealed under it are never destroyed: the code, found again, still opens that key.
-- A session keeps the key wrapped under its token, which only the client holds.
-- A private note, pulse or journal entry marked sealed holds ciphertext, not words (a journal
-- entry is sealed while private; sharing it stores the words the partner reads).

CREATE TABLE person_keys (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    by_password TEXT NOT NULL,
    by_recovery TEXT,
    earlier_by_recovery TEXT
) STRICT;

ALTER TABLE sessions ADD COLUMN data_key TEXT;
ALTER TABLE private_notes ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pulses ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journal_entries ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
