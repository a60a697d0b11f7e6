-- Dashboards: monthly figures per district, kept ready so that the state dashboard does not
-- scan millions of cases on every view.
--
-- dash_month holds, per district and month of intake (IST), one row per figure: the cases
-- by category, scam pattern and channel, the helpline's cases by hour, money reported lost,
-- put on hold and restored, the golden-hour counts, the delays to portal filing and to
-- referral, the tasks done late and those still open (by the day they fell due). All of it is about the cases registered in that month.
--
-- Triggers append the (district, IST day) of every change that can move a figure to
-- dash_dirty; the store takes those marks and recomputes their months from the source
-- tables before it reads (Store::refresh_dashboard) and every 30 s in the background, so the
-- figures are exact and computed in one place.

CREATE TABLE dash_month (
    district_id  INTEGER NOT NULL,
    month        TEXT NOT NULL,
    metric       TEXT NOT NULL,
    k            TEXT NOT NULL,
    v            INTEGER NOT NULL,
    PRIMARY KEY (district_id, month, metric, k)
);
CREATE INDEX dash_month_month ON dash_month(month, metric, k, v);

-- An append-only log; `day` is the IST day number, (created_at + 5.5 h) / 1 day.
CREATE TABLE dash_dirty (
    id           INTEGER PRIMARY KEY,
    district_id  INTEGER NOT NULL,
    day          INTEGER NOT NULL
);

-- Every month that already has cases must be computed once.
INSERT INTO dash_dirty (district_id, day)
SELECT DISTINCT district_id, (created_at + 19800000) / 86400000 FROM cases;

-- The recomputation reads one district's month; the live figures read open cases by age.
CREATE INDEX cases_district_created ON cases(district_id, created_at);
CREATE INDEX cases_open_age ON cases(district_id, status, created_at) WHERE status <> 'closed';
CREATE INDEX cases_open_due ON cases(district_id, next_due_at) WHERE status <> 'closed';
CREATE INDEX case_events_referred ON case_events(case_id, at) WHERE to_status = 'referred';

CREATE TRIGGER dash_cases_insert AFTER INSERT ON cases BEGIN
    INSERT INTO dash_dirty (district_id, day) VALUES (NEW.district_id, (NEW.created_at + 19800000) / 86400000);
END;
CREATE TRIGGER dash_cases_update AFTER UPDATE OF district_id, created_at, channel, category, scam_pattern,
    amount_lost_paise, money_left, money_left_at, incident_at, status ON cases BEGIN
    INSERT INTO dash_dirty (district_id, day) VALUES (OLD.district_id, (OLD.created_at + 19800000) / 86400000);
    INSERT INTO dash_dirty (district_id, day) VALUES (NEW.district_id, (NEW.created_at + 19800000) / 86400000);
END;
CREATE TRIGGER dash_cases_delete AFTER DELETE ON cases BEGIN
    INSERT INTO dash_dirty (district_id, day) VALUES (OLD.district_id, (OLD.created_at + 19800000) / 86400000);
END;

CREATE TRIGGER dash_actions_insert AFTER INSERT ON case_actions WHEN NEW.action = 'portal_filed' BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER dash_actions_update AFTER UPDATE ON case_actions WHEN NEW.action = 'portal_filed' OR OLD.action = 'portal_filed' BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER dash_actions_delete AFTER DELETE ON case_actions WHEN OLD.action = 'portal_filed' BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = OLD.case_id;
END;

CREATE TRIGGER dash_events_insert AFTER INSERT ON case_events WHEN NEW.to_status = 'referred' BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;

CREATE TRIGGER dash_trail_insert AFTER INSERT ON money_trail BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER dash_trail_update AFTER UPDATE ON money_trail BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER dash_trail_delete AFTER DELETE ON money_trail BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = OLD.case_id;
END;

CREATE TRIGGER dash_restorations_insert AFTER INSERT ON restorations BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER dash_restorations_update AFTER UPDATE ON restorations BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER dash_restorations_delete AFTER DELETE ON restorations BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = OLD.case_id;
END;

CREATE TRIGGER dash_tasks_insert AFTER INSERT ON case_tasks WHEN NEW.due_at IS NOT NULL BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER dash_tasks_update AFTER UPDATE OF due_at, done_at, case_id ON case_tasks BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER dash_tasks_delete AFTER DELETE ON case_tasks WHEN OLD.due_at IS NOT NULL BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = OLD.case_id;
END;
