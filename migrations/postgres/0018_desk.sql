-- The first hour at the desk.

-- The work queue's order, decided in one place (src/triage/rank.rs) and kept here so the queue
-- stays one indexed read: queue_rank sorts smallest first; rank_until is when the rank goes
-- stale by itself (a golden window ends, a deadline is missed for good), and a background
-- sweep ranks such cases again. Existing and newly inserted rows start stale (0), so the
-- first sweep ranks them; until then they sort last.
ALTER TABLE cases ADD COLUMN queue_rank BIGINT NOT NULL DEFAULT 50000000000000;
ALTER TABLE cases ADD COLUMN rank_until BIGINT DEFAULT 0;
DROP INDEX cases_queue;
DROP INDEX cases_queue_all;
CREATE INDEX cases_queue ON cases(district_id, queue_rank) WHERE status <> 'closed';
CREATE INDEX cases_queue_all ON cases(queue_rank) WHERE status <> 'closed';
CREATE INDEX cases_rank_stale ON cases(rank_until) WHERE status <> 'closed';

-- The centre's name in Hindi, beside the one in English (centre_name), for pages and papers.
ALTER TABLE districts ADD COLUMN centre_name_hi TEXT;

-- The district a worker in several districts registered their last case in: the intake form
-- starts there next time.
ALTER TABLE users ADD COLUMN last_district_id BIGINT;
