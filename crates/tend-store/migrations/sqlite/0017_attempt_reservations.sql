-- A log-in attempt is counted as a failure before its password is checked (so attempts racing
-- each other see one another), and the row is let go if the password was right or the attempt
-- was refused: `attempt` names the row to let go.
ALTER TABLE failed_attempts ADD COLUMN attempt TEXT;
CREATE INDEX failed_attempts_by_attempt ON failed_attempts(attempt);
