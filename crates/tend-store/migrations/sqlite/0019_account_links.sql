-- Links sent by email that let a person back into their account (a password reset) or move it
-- to a new address (an email change). Only a link's hash is kept, never the link; a link works
-- once, until it expires, and a newer link of the same purpose replaces older ones. The links go
-- with the account.

CREATE TABLE account_links (
    hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,  -- 'password-reset' or 'email-change'
    new_email TEXT,         -- the address an email change moves to
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX account_links_by_person ON account_links(person_id, purpose);
