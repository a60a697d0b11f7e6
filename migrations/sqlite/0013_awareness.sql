-- Awareness programmes: the schools, colleges, offices and community groups a district visits,
-- the sessions held there, and the attendees' anonymous feedback (no name, no address kept).
CREATE TABLE awareness_institutions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    district_id     INTEGER NOT NULL REFERENCES districts(id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    address         TEXT,
    contact_person  TEXT,
    phone           TEXT,
    email           TEXT,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX awareness_institutions_district ON awareness_institutions(district_id, name);

-- `audience` and `topics` (prevention tip ids) and `quiz` (question ids) are comma-separated
-- codes; `feedback_token` is the unguessable part of the public feedback link.
CREATE TABLE awareness_programmes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    district_id     INTEGER NOT NULL REFERENCES districts(id),
    institution_id  INTEGER NOT NULL REFERENCES awareness_institutions(id),
    starts_at       INTEGER NOT NULL,
    venue           TEXT,
    audience        TEXT NOT NULL,
    classes         TEXT,
    language        TEXT NOT NULL,
    speakers        TEXT,
    topics          TEXT NOT NULL,
    materials       TEXT,
    status          TEXT NOT NULL,
    attendance      INTEGER,
    quiz            TEXT NOT NULL,
    feedback_token  TEXT NOT NULL UNIQUE,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX awareness_programmes_district ON awareness_programmes(district_id, starts_at);
CREATE INDEX awareness_programmes_institution ON awareness_programmes(institution_id, starts_at);

-- One answer sheet: `before` (the quiz at the start) or `after` (rating, what the attendee will
-- do differently, the quiz again).
CREATE TABLE awareness_feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id  INTEGER NOT NULL REFERENCES awareness_programmes(id) ON DELETE CASCADE,
    stage         TEXT NOT NULL,
    rating        INTEGER,
    change_text   TEXT,
    quiz_score    INTEGER,
    quiz_total    INTEGER,
    at            INTEGER NOT NULL
);
CREATE INDEX awareness_feedback_programme ON awareness_feedback(programme_id, stage);
