-- Web Push. The server's own keys (the VAPID key pair, made at first start and shared by every
-- Tend on one database), and each device's push subscription: it belongs to the session that
-- turned it on and ends with it (log-out, revoking the device, a password reset, deletion).

CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL UNIQUE,  -- the push service's URL for this device
    p256dh TEXT NOT NULL,           -- the device's public key, base64url
    auth TEXT NOT NULL,             -- the device's auth secret, base64url
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_by_person ON push_subscriptions(person_id);
CREATE INDEX push_subscriptions_by_session ON push_subscriptions(session_id);
