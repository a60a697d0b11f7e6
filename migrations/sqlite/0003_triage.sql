-- Golden hour and what to do next: triage at intake, the actions taken (1930, bank, portal,
-- police, platforms), tasks from guided plans, and the money trail with its restoration.

-- "Did money leave? When?" — asked first at the desk.
ALTER TABLE cases ADD COLUMN money_left TEXT;
ALTER TABLE cases ADD COLUMN money_left_at INTEGER;
-- Kept in step with the actions and deadlines, so the work queue is one indexed read;
-- next_due_at holds 9000000000000000 (far future) when nothing is due, so it sorts last.
ALTER TABLE cases ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN next_due_at INTEGER NOT NULL DEFAULT 9000000000000000;
CREATE INDEX cases_queue ON cases(district_id, urgent DESC, next_due_at) WHERE status <> 'closed';
CREATE INDEX cases_queue_all ON cases(urgent DESC, next_due_at) WHERE status <> 'closed';

-- One row per action taken on a case (each at most once), with its reference number.
CREATE TABLE case_actions (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    action       TEXT NOT NULL,
    done_at      INTEGER NOT NULL,
    reference    TEXT,
    note         TEXT,
    recorded_by  INTEGER NOT NULL REFERENCES users(id),
    recorded_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, action)
);

CREATE TABLE case_tasks (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    plan_id     TEXT,
    step_id     TEXT,
    title       TEXT,
    owner_id    INTEGER REFERENCES users(id),
    due_at      INTEGER,
    done_at     INTEGER,
    done_by     INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX case_tasks_case ON case_tasks(case_id, id);
CREATE INDEX case_tasks_owner ON case_tasks(owner_id, done_at, due_at);

-- The money trail: the victim's own debits (layer 0) and each hop the banks report.
CREATE TABLE money_trail (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    layer            INTEGER NOT NULL,
    bank             TEXT,
    from_account     TEXT,
    to_account       TEXT,
    ifsc             TEXT,
    utr              TEXT,
    at               INTEGER,
    amount_paise     INTEGER NOT NULL,
    disputed_paise   INTEGER,
    action           TEXT NOT NULL,
    hold_paise       INTEGER,
    hold_at          INTEGER,
    remarks          TEXT,
    source           TEXT NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL
);
CREATE INDEX money_trail_case ON money_trail(case_id, layer, id);

-- How held money gets back to the victim, and how much has.
CREATE TABLE restorations (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    route           TEXT NOT NULL,
    status          TEXT NOT NULL,
    amount_paise    INTEGER NOT NULL,
    restored_paise  INTEGER NOT NULL DEFAULT 0,
    note            TEXT,
    updated_by      INTEGER NOT NULL REFERENCES users(id),
    updated_at      INTEGER NOT NULL
);
CREATE INDEX restorations_case ON restorations(case_id);

-- A spreadsheet read but not yet imported: shown as a preview until the worker confirms.
CREATE TABLE trail_imports (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    rows_json   TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
