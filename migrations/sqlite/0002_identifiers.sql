-- Suspect identifiers: each distinct (kind, normal value) once, linked to every case that
-- mentions it. Flags: 'watch' (raise an alert when it appears) or 'genuine' (never links cases).

ALTER TABLE cases ADD COLUMN pasted_messages TEXT;

CREATE TABLE identifiers (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    flag        TEXT,
    flag_note   TEXT,
    flagged_by  INTEGER REFERENCES users(id),
    flagged_at  INTEGER,
    created_at  INTEGER NOT NULL,
    UNIQUE (kind, value)
);

CREATE TABLE case_identifiers (
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    identifier_id    INTEGER NOT NULL REFERENCES identifiers(id),
    district_id      INTEGER NOT NULL REFERENCES districts(id),
    raw              TEXT NOT NULL,
    source           TEXT NOT NULL,
    confirmed_by     INTEGER NOT NULL REFERENCES users(id),
    confirmed_at     INTEGER NOT NULL,
    case_created_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, identifier_id)
);
-- "Which cases mention this identifier": one index range per identifier.
CREATE INDEX case_identifiers_identifier ON case_identifiers(identifier_id, case_id);
