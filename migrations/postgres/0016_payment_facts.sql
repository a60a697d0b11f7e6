-- What the desk asked about each debit, because the RBI rules turn on it (issue 14).
-- debit_key 0 holds the case's own answers (they apply to every debit without a row of its
-- own, and to the debit given at intake); any other value is the id of a layer-0 row of
-- money_trail, removed with that row. Every answer may be NULL: "not known yet".
CREATE TABLE payment_facts (
    case_id              BIGINT NOT NULL REFERENCES cases(id),
    debit_key            BIGINT NOT NULL,
    payer                TEXT,
    credentials_shared   BIGINT,
    account              TEXT,
    cross_border         BIGINT,
    bank_alert_at        BIGINT,
    reported_to_bank_at  BIGINT,
    compensated_before   BIGINT,
    updated_by           BIGINT NOT NULL REFERENCES users(id),
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (case_id, debit_key)
);
