-- Sharing a check-up reading shares its summary; the answers go too only when the person ticks
-- that (1), never by default.
ALTER TABLE checkups ADD COLUMN shared_answers INTEGER NOT NULL DEFAULT 0;
