-- Referrals: a case carried to a police station or to legal aid, with its handover facts and
-- every status update; `reminder_task_id` is the open task that comes due when nothing moves.
CREATE TABLE referrals (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    to_name           TEXT NOT NULL,
    to_contact        TEXT,
    officer           TEXT,
    fir_number        TEXT,
    ack_number        TEXT,
    status            TEXT NOT NULL,
    outcome           TEXT,
    handed_over_at    INTEGER NOT NULL,
    reminder_task_id  INTEGER REFERENCES case_tasks(id) ON DELETE SET NULL,
    created_by        INTEGER NOT NULL REFERENCES users(id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX referrals_case ON referrals(case_id, id);

CREATE TABLE referral_updates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    referral_id  INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    note         TEXT,
    by_user      INTEGER NOT NULL REFERENCES users(id),
    at           INTEGER NOT NULL
);
CREATE INDEX referral_updates_referral ON referral_updates(referral_id, id);
