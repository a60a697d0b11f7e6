-- Who may see what, and what happened to personal data: the tamper-evident audit log,
-- consent per purpose, login throttling, legal holds and erasure, keyed search indexes.

-- Every read, download, export, change and sign-in. Each entry carries the hash of the one
-- before it; audit_head holds the chain's end, and its row lock serialises appends.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    user_id    INTEGER,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    address    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject, id);
CREATE TABLE audit_head (
    id         INTEGER PRIMARY KEY,
    last_id    INTEGER NOT NULL,
    last_hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Consent per purpose; the latest row of a purpose is what holds.
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    purpose       TEXT NOT NULL,
    given         INTEGER NOT NULL,
    given_by      TEXT NOT NULL,
    guardian_name TEXT,
    note          TEXT,
    recorded_by   INTEGER NOT NULL REFERENCES users(id),
    recorded_at   INTEGER NOT NULL
);
CREATE INDEX consents_case ON consents(case_id, purpose, id);

-- Failed sign-ins, by account and by address, for throttling.
CREATE TABLE login_failures (
    key  TEXT NOT NULL,
    at   INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- Optional second factor (TOTP) for admins; the secret is encrypted like other personal data.
ALTER TABLE users ADD COLUMN totp_secret TEXT;

-- A legal hold keeps a case's personal data past its retention period; erasure leaves the
-- case's anonymous facts (category, amounts, dates, district) for the statistics.
ALTER TABLE cases ADD COLUMN legal_hold TEXT;
ALTER TABLE cases ADD COLUMN erased_at INTEGER;
ALTER TABLE cases ADD COLUMN closed_at INTEGER;

-- The mobile number is stored encrypted; it is found through a keyed hash of it.
ALTER TABLE cases ADD COLUMN victim_mobile_idx TEXT;
DROP INDEX cases_mobile;
CREATE INDEX cases_mobile_idx ON cases(victim_mobile_idx);
