-- Bids for connection: what a partner sent (an invitation, a repair, a shared reading or entry,
-- an agreement to say yes to) or what is ready for both (a capsule) shows on Today until it is
-- answered where it lives, or until the person sets it aside here. Only the person's own
-- "set aside" is kept; nothing tells the sender whether it was seen.

CREATE TABLE bid_dismissals (
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    dismissed_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, item_id)
) STRICT;

-- "Something new in Tend" emails look for the person's last one (at most one an hour).
CREATE INDEX outbox_by_person_kind ON outbox(person_id, kind, not_before);
