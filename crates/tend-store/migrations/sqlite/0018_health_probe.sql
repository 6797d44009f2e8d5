-- One row the health check writes while writes have been failing (a full disk, a read-only
-- file), to learn by a real write whether the fault has passed. Holds no one's data.
CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
