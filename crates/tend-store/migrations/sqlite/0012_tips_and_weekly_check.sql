-- The free course's optional weekly tips after the eight weeks, and a weekly-check reminder on a
-- day and at a time each person chooses (Sunday 19:00 unless changed).

ALTER TABLE guidance_subscribers ADD COLUMN tips INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminder_settings ADD COLUMN weekly_day INTEGER NOT NULL DEFAULT 6;      -- 0 is Monday … 6 is Sunday
ALTER TABLE reminder_settings ADD COLUMN weekly_minute INTEGER NOT NULL DEFAULT 1140; -- minutes after local midnight
