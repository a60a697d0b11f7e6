-- What the desk asked about each debit, because the RBI rules turn on it (issue 14).
-- debit_key 0 holds the case's own answers (they apply to every debit without a row of its
-- own, and to the debit given at intake); any other value is the id of a layer-0 row of
-- money_trail, removed with that row. Every answer may be NULL: "not known yet".
CREATE TABLE payment_facts (
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    debit_key            INTEGER NOT NULL,
    payer                TEXT,
    credentials_shared   INTEGER,
    account              TEXT,
    cross_border         INTEGER,
    bank_alert_at        INTEGER,
    reported_to_bank_at  INTEGER,
    compensated_before   INTEGER,
    updated_by           INTEGER NOT NULL REFERENCES users(id),
    updated_at           INTEGER NOT NULL,
    PRIMARY KEY (case_id, debit_key)
);
