-- Victim self-service: a private access code per case, short sessions opened with it, and what
-- the victim sends (more information, a call-back request). Counselling sessions.

-- The code, encrypted (staff reprint it on the victim's papers), and when it was issued.
ALTER TABLE cases ADD COLUMN victim_code TEXT;
ALTER TABLE cases ADD COLUMN victim_code_at INTEGER;

CREATE TABLE victim_sessions (
    token_hash  TEXT PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    csrf        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX victim_sessions_case ON victim_sessions(case_id);

-- kind: 'info' (more information) or 'callback' (please call me). The message is encrypted.
CREATE TABLE victim_requests (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    victim_message TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    handled_by  INTEGER REFERENCES users(id),
    handled_at  INTEGER
);
CREATE INDEX victim_requests_case ON victim_requests(case_id, id);
CREATE INDEX victim_requests_open ON victim_requests(handled_at, case_id);

-- Counselling sessions. The notes are encrypted and shown only to the counsellor and supervisors.
CREATE TABLE counselling_sessions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    counsellor_id   INTEGER NOT NULL REFERENCES users(id),
    scheduled_at    INTEGER NOT NULL,
    mode            TEXT NOT NULL,
    status          TEXT NOT NULL,
    counselling_notes TEXT,
    risk_self_harm  INTEGER NOT NULL DEFAULT 0,
    risk_threats    INTEGER NOT NULL DEFAULT 0,
    risk_minor      INTEGER NOT NULL DEFAULT 0,
    follow_up_at    INTEGER,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX counselling_sessions_case ON counselling_sessions(case_id, scheduled_at);
