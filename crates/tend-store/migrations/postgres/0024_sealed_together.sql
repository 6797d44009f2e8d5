-- Words written for the couple space, kept as two copies like the shared words of 0023: the
-- author's copy (text, sealed under their data key) and the partner's (shared_text, sealed under
-- the couple's key once the author holds it). Rows from before hold one copy as written, sealed
-- at the author's next visit.

-- An agreement (its author is proposed_by).
ALTER TABLE agreements ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN shared_text TEXT;
ALTER TABLE agreements ADD COLUMN shared_sealed BIGINT NOT NULL DEFAULT 0;

-- A question of the couple's own (its author is added_by).
ALTER TABLE own_questions ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE own_questions ADD COLUMN shared_text TEXT;
ALTER TABLE own_questions ADD COLUMN shared_sealed BIGINT NOT NULL DEFAULT 0;

-- An invitation to talk (its author is sent_by).
ALTER TABLE talk_invitations ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE talk_invitations ADD COLUMN shared_text TEXT;
ALTER TABLE talk_invitations ADD COLUMN shared_sealed BIGINT NOT NULL DEFAULT 0;

-- The kind word that answers an invitation (its author is the partner who answered): the
-- answerer's copy is answer_note.
ALTER TABLE talk_invitations ADD COLUMN answer_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE talk_invitations ADD COLUMN answer_shared TEXT;
ALTER TABLE talk_invitations ADD COLUMN answer_shared_sealed BIGINT NOT NULL DEFAULT 0;

-- A hard talk's topic (its author is scheduled_by) and what was agreed (its author is whoever
-- closed the talk, closed_by; NULL for a talk closed before this change).
ALTER TABLE hard_talks ADD COLUMN topic_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hard_talks ADD COLUMN topic_shared TEXT;
ALTER TABLE hard_talks ADD COLUMN topic_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hard_talks ADD COLUMN agreed_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hard_talks ADD COLUMN agreed_shared TEXT;
ALTER TABLE hard_talks ADD COLUMN agreed_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hard_talks ADD COLUMN closed_by TEXT REFERENCES persons(id) ON DELETE SET NULL;

-- A time capsule's hopes, fears and needs, kept together as one JSON object in two copies:
-- words (the author's, under their key) and words_shared (the partner's, under the couple's key).
-- A capsule from before keeps hopes, fears and needs as written (words NULL) until its author's
-- next visit seals them here and empties them. Either way, only the visibility rule opens a
-- capsule, once it is open.
ALTER TABLE capsules ADD COLUMN words TEXT;
ALTER TABLE capsules ADD COLUMN words_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE capsules ADD COLUMN words_shared TEXT;
ALTER TABLE capsules ADD COLUMN words_shared_sealed BIGINT NOT NULL DEFAULT 0;

-- A touch note or plan writing its author shares: the author's copy stays in text (now sealed
-- under their key for these kinds too) and the partner's is shared_text, under the couple's key.
-- One shared before this change keeps one copy, as written, until its author's next visit.
ALTER TABLE private_notes ADD COLUMN shared_text TEXT;
ALTER TABLE private_notes ADD COLUMN shared_sealed BIGINT NOT NULL DEFAULT 0;

-- A check-up's answers (JSON), as its author's copy (answers, sealed under their key) and, while
-- shared, the partner's (shared_text, under the couple's key; NULL again when taken back). One
-- from before keeps its answers as written until its author's next visit.
ALTER TABLE checkups ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE checkups ADD COLUMN shared_text TEXT;
ALTER TABLE checkups ADD COLUMN shared_sealed BIGINT NOT NULL DEFAULT 0;

-- An own-your-part experiment's behaviour and reflection, each as the author's copy (behaviour,
-- reflection: sealed under their key) and, once the reflection is shared, the partner's copy
-- (behaviour_shared, reflection_shared: under the couple's key).
ALTER TABLE experiments ADD COLUMN behaviour_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN behaviour_shared TEXT;
ALTER TABLE experiments ADD COLUMN behaviour_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN reflection_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE experiments ADD COLUMN reflection_shared TEXT;
ALTER TABLE experiments ADD COLUMN reflection_shared_sealed BIGINT NOT NULL DEFAULT 0;

-- A joy plan's idea (its author is planned_by) and what was enjoyed (its author is done_by,
-- whoever marked it done; NULL for one done before this change), each as two copies.
ALTER TABLE joy_plans ADD COLUMN idea_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE joy_plans ADD COLUMN idea_shared TEXT;
ALTER TABLE joy_plans ADD COLUMN idea_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE joy_plans ADD COLUMN enjoyed_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE joy_plans ADD COLUMN enjoyed_shared TEXT;
ALTER TABLE joy_plans ADD COLUMN enjoyed_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE joy_plans ADD COLUMN done_by TEXT REFERENCES persons(id) ON DELETE SET NULL;

-- Ground rules (a JSON list), the proposal as its proposer's copy (draft) and the partner's
-- (draft_shared); the version both accepted is a copy of a proposal's two copies, its proposer kept
-- in accepted_by (NULL for one accepted before this change).
ALTER TABLE ground_rules ADD COLUMN draft_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ground_rules ADD COLUMN draft_shared TEXT;
ALTER TABLE ground_rules ADD COLUMN draft_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ground_rules ADD COLUMN accepted_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ground_rules ADD COLUMN accepted_shared TEXT;
ALTER TABLE ground_rules ADD COLUMN accepted_shared_sealed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ground_rules ADD COLUMN accepted_by TEXT REFERENCES persons(id) ON DELETE SET NULL;
