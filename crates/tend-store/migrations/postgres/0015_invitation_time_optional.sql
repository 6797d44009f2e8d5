-- An invitation to talk may leave the time open ("whenever suits you").
ALTER TABLE talk_invitations ALTER COLUMN proposed_at DROP NOT NULL;
