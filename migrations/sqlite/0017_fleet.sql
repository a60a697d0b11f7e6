-- Several servers on one database (issue 16).
--
-- The installation's key check: a known text encrypted with the keys that wrote the data. A
-- server whose keys cannot open it refuses to start (it would answer "could not be decrypted"
-- for every case), and a server without keys never makes new ones for a database that has data.
CREATE TABLE installation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_check   TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Background jobs (retention, the dashboard's refresh) run once per period across every server:
-- the server whose update moves last_run on claims the period.
CREATE TABLE job_runs (
    name      TEXT PRIMARY KEY,
    last_run  INTEGER NOT NULL,
    holder    TEXT NOT NULL
);

-- Reference data every server caches (districts and their centres, holidays, stations, legal-aid
-- contacts, the prevention library): any change moves the version on, and each server polls it
-- and drops its caches when it moved, so another server's edit shows within seconds.
CREATE TABLE reference_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 0);
CREATE TRIGGER refver_districts_insert AFTER INSERT ON districts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_districts_update AFTER UPDATE ON districts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_districts_delete AFTER DELETE ON districts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_district_holidays_insert AFTER INSERT ON district_holidays BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_district_holidays_update AFTER UPDATE ON district_holidays BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_district_holidays_delete AFTER DELETE ON district_holidays BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_police_stations_insert AFTER INSERT ON police_stations BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_police_stations_update AFTER UPDATE ON police_stations BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_police_stations_delete AFTER DELETE ON police_stations BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_legal_aid_contacts_insert AFTER INSERT ON legal_aid_contacts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_legal_aid_contacts_update AFTER UPDATE ON legal_aid_contacts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_legal_aid_contacts_delete AFTER DELETE ON legal_aid_contacts BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tips_insert AFTER INSERT ON prevention_tips BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tips_update AFTER UPDATE ON prevention_tips BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tips_delete AFTER DELETE ON prevention_tips BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tip_hidden_insert AFTER INSERT ON prevention_tip_hidden BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tip_hidden_update AFTER UPDATE ON prevention_tip_hidden BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER refver_prevention_tip_hidden_delete AFTER DELETE ON prevention_tip_hidden BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
