-- Follow-up calls after closure (7 and 30 days): whether the victim was reached, how they
-- are, and a short feedback score (1 to 5) on the centre's help.
CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    task_id     INTEGER REFERENCES case_tasks(id) ON DELETE SET NULL,
    due_at      INTEGER NOT NULL,
    done_at     INTEGER,
    reached     INTEGER,
    outcome     TEXT,
    score       INTEGER,
    done_by     INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX follow_ups_case ON follow_ups(case_id, due_at);
