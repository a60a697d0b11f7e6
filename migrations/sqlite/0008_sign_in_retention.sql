-- Sign-in security and retention.

-- Two-step sign-in: the last time step whose code was accepted, so that a code is used once.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- Retention counts from closure: cases closed before closure times were kept get their last
-- change as the closure time.
UPDATE cases SET closed_at = updated_at WHERE status = 'closed' AND closed_at IS NULL;
CREATE INDEX cases_closed ON cases(closed_at) WHERE erased_at IS NULL;

-- The account that automatic jobs (the retention job's erasures) act as. It cannot sign in.
INSERT INTO users (username, display_name, password_hash, role, lang, active, created_at)
VALUES ('sahayak-system', 'Sahayak (automatic)', '!', 'auditor', 'en', 0, 0);
