-- Reminders may come only as notifications on a person's devices: by_email 0 sends no email
-- (the kinds, digest and quiet hours still say what comes and when).
ALTER TABLE reminder_settings ADD COLUMN by_email BIGINT NOT NULL DEFAULT 1;
