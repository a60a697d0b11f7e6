-- The district directory: police stations, legal-aid contacts, the prevention library and each
-- district's holidays, edited by admins in the app; and each district's own centre details.
-- Stations, shared tips and holidays are seeded from the data files the first time (by the
-- application, right after this migration, and whenever a district is added).

ALTER TABLE districts ADD COLUMN centre_name TEXT;
ALTER TABLE districts ADD COLUMN centre_address TEXT;
ALTER TABLE districts ADD COLUMN centre_phone TEXT;

CREATE TABLE police_stations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    district_id    INTEGER NOT NULL REFERENCES districts(id),
    code           TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    name_hi        TEXT NOT NULL,
    areas          TEXT NOT NULL DEFAULT '',
    phone          TEXT,
    email          TEXT,
    address        TEXT,
    officer_title  TEXT,
    is_default     INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     INTEGER REFERENCES users(id),
    UNIQUE (district_id, code)
);

CREATE TABLE legal_aid_contacts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    district_id     INTEGER NOT NULL REFERENCES districts(id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    phone           TEXT,
    email           TEXT,
    address         TEXT,
    languages       TEXT,
    practice_areas  TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES users(id)
);
CREATE INDEX legal_aid_contacts_district ON legal_aid_contacts(district_id, id);

-- A tip with no district belongs to the shared, state-wide library (its key is the data file's
-- id); a district's own tips carry its id.
CREATE TABLE prevention_tips (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    tip_key      TEXT NOT NULL UNIQUE,
    district_id  INTEGER REFERENCES districts(id),
    patterns     TEXT NOT NULL,
    audience     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    title_hi     TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    text_hi      TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   INTEGER REFERENCES users(id)
);

-- Shared tips a district admin chose not to show in their district.
CREATE TABLE prevention_tip_hidden (
    district_id  INTEGER NOT NULL REFERENCES districts(id),
    tip_id       INTEGER NOT NULL REFERENCES prevention_tips(id),
    hidden_by    INTEGER REFERENCES users(id),
    hidden_at    INTEGER NOT NULL,
    PRIMARY KEY (district_id, tip_id)
);

-- The dated holidays of each working-day calendar (`bank-rajasthan`, `govt-rajasthan`) as they
-- apply in a district.
CREATE TABLE district_holidays (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    district_id  INTEGER NOT NULL REFERENCES districts(id),
    calendar     TEXT NOT NULL,
    day          TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    name_hi      TEXT NOT NULL,
    estimate     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (district_id, calendar, day)
);
