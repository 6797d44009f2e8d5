-- Email: a durable outbox (a job is written in the same transaction as what caused it; sent
-- once per message id, retried with backoff, dead after too many failures, keeping the error and
-- never the content), each person's reminder settings, the free guidance course's subscribers,
-- and private calendar feeds.

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,                 -- the message id: planning the same message twice is a no-op
    person_id TEXT REFERENCES persons(id) ON DELETE CASCADE,
    subscriber_id TEXT,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    unsubscribe_url TEXT,                -- List-Unsubscribe (course and tips only)
    created_at INTEGER NOT NULL,
    not_before INTEGER NOT NULL,
    state TEXT NOT NULL,                 -- queued, sending, sent, dead
    attempts INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox(state, not_before);

CREATE TABLE reminder_settings (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    kinds TEXT NOT NULL,                 -- comma-separated: rituals, plan, weekly_check, pause, capsule, agreements
    digest INTEGER NOT NULL,
    quiet_start INTEGER NOT NULL,        -- minutes after local midnight
    quiet_end INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE guidance_subscribers (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    confirm_hash TEXT,
    confirm_expires INTEGER,
    unsubscribe_token TEXT NOT NULL,      -- a capability to unsubscribe, kept to put in each email
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    weeks_sent INTEGER NOT NULL,
    last_sent_at INTEGER,
    unsubscribed_at INTEGER
) STRICT;
CREATE INDEX guidance_by_unsubscribe ON guidance_subscribers(unsubscribe_token);
CREATE INDEX guidance_by_confirm ON guidance_subscribers(confirm_hash);

CREATE TABLE calendar_feeds (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,            -- the feed URL's secret; rotating replaces it
    created_at INTEGER NOT NULL
) STRICT;
