-- The couple's curious-questions deck: their own questions, and marks on any question (asked,
-- kept as a favourite, drawn for tonight). Question ids come from the content (or own_questions).

CREATE TABLE own_questions (
    id TEXT PRIMARY KEY,
    couple_id TEXT NOT NULL REFERENCES couples(id),
    set_id TEXT NOT NULL,
    text TEXT NOT NULL,
    added_by TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX own_questions_by_couple ON own_questions(couple_id);

CREATE TABLE question_marks (
    couple_id TEXT NOT NULL REFERENCES couples(id),
    question_id TEXT NOT NULL,
    asked_at BIGINT,
    favourite BIGINT NOT NULL DEFAULT 0,
    drawn_at BIGINT,
    PRIMARY KEY (couple_id, question_id)
);
