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
    created_at BIGINT NOT NULL,
    not_before BIGINT NOT NULL,
    state TEXT NOT NULL,                 -- queued, sending, sent, dead
    attempts BIGINT NOT NULL,
    locked_until BIGINT,
    last_error TEXT,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox(state, not_before);

CREATE TABLE reminder_settings (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    kinds TEXT NOT NULL,                 -- comma-separated: rituals, plan, weekly_check, pause, capsule, agreements
    digest BIGINT NOT NULL,
    quiet_start BIGINT NOT NULL,        -- minutes after local midnight
    quiet_end BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE guidance_subscribers (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    confirm_hash TEXT,
    confirm_expires BIGINT,
    unsubscribe_token TEXT NOT NULL,      -- a capability to unsubscribe, kept to put in each email
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    weeks_sent BIGINT NOT NULL,
    last_sent_at BIGINT,
    unsubscribed_at BIGINT
);
CREATE INDEX guidance_by_unsubscribe ON guidance_subscribers(unsubscribe_token);
CREATE INDEX guidance_by_confirm ON guidance_subscribers(confirm_hash);

CREATE TABLE calendar_feeds (
    person_id TEXT PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,            -- the feed URL's secret; rotating replaces it
    created_at BIGINT NOT NULL
);
