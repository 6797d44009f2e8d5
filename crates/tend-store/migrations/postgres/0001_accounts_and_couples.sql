-- Accounts, sessions and couple spaces. Never edit this file once shipped: add a new migration.
-- Ids are random text (never sequential, so they reveal no counts); times are Unix milliseconds.
-- Every row is keyed by a person or a couple, so a distributed engine can shard by couple later.

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- 1 while the person has not yet seen that their couple space closed
    couple_closed_notice BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    device TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_person ON sessions(person_id);

-- Browsers that signed in to an account before; they keep their own log-in allowance.
CREATE TABLE known_devices (
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, token_hash)
);

-- Failed log-ins and wrong invite codes in the last day; subjects are hashes, never raw emails.
CREATE TABLE failed_attempts (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX failed_attempts_lookup ON failed_attempts(scope, subject, at);

CREATE TABLE couples (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);

-- Current memberships only: a person is in at most one couple at a time.
CREATE TABLE memberships (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    person_id TEXT NOT NULL UNIQUE REFERENCES persons(id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (couple_id, person_id)
);

-- Open invites only: an invite is deleted when used, revoked or replaced.
CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    created_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invites_by_couple ON invites(couple_id);
