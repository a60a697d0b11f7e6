-- The case file: districts, staff, sessions, cases and their timeline.
-- Times are milliseconds since the Unix epoch (UTC); money is whole paise.

CREATE TABLE districts (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    prefix      TEXT NOT NULL UNIQUE,
    name_en     TEXT NOT NULL,
    name_hi     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    lang           TEXT NOT NULL DEFAULT 'hi',
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL
);

CREATE TABLE user_districts (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    district_id  INTEGER NOT NULL REFERENCES districts(id),
    PRIMARY KEY (user_id, district_id)
);

-- Only a hash of the session token is stored, so a copy of the database cannot log anyone in.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    csrf          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE case_counters (
    district_id  INTEGER NOT NULL REFERENCES districts(id),
    year         INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL,
    PRIMARY KEY (district_id, year)
);

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT NOT NULL UNIQUE,
    district_id        INTEGER NOT NULL REFERENCES districts(id),
    channel            TEXT NOT NULL,
    status             TEXT NOT NULL,
    closure_reason     TEXT,
    assignee_id        INTEGER REFERENCES users(id),
    victim_name        TEXT NOT NULL,
    victim_mobile      TEXT NOT NULL,
    victim_lang        TEXT NOT NULL,
    victim_age         INTEGER,
    victim_gender      TEXT,
    victim_address     TEXT,
    narrative          TEXT NOT NULL,
    incident_at        INTEGER,
    noticed_at         INTEGER,
    taxonomy_version   TEXT NOT NULL,
    category           TEXT NOT NULL,
    sub_category       TEXT,
    category_other     TEXT,
    scam_pattern       TEXT NOT NULL,
    amount_lost_paise  INTEGER,
    payment_channel    TEXT,
    suspect_details    TEXT,
    created_by         INTEGER NOT NULL REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
-- Lists are paged by id (newest first) within each filter: one index per filter column.
CREATE INDEX cases_district ON cases(district_id, id);
CREATE INDEX cases_status ON cases(status, id);
CREATE INDEX cases_district_status ON cases(district_id, status, id);
CREATE INDEX cases_assignee ON cases(assignee_id, id);
CREATE INDEX cases_category ON cases(category, id);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_mobile ON cases(victim_mobile);

CREATE TABLE case_events (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    at              INTEGER NOT NULL,
    actor_id        INTEGER NOT NULL REFERENCES users(id),
    kind            TEXT NOT NULL,
    body            TEXT,
    from_status     TEXT,
    to_status       TEXT,
    closure_reason  TEXT,
    assignee_id     INTEGER REFERENCES users(id)
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Search terms are made by Rust (sahayak_domain::search::terms) and stored space-separated;
-- the ascii tokenizer keeps every non-ASCII character inside a token, so Devanagari words
-- are indexed exactly as Rust cut them.
CREATE VIRTUAL TABLE case_fts USING fts5(terms, tokenize = 'ascii', content = '', contentless_delete = 1);
