-- Several servers on one database (issue 16).
--
-- The installation's key check: a known text encrypted with the keys that wrote the data. A
-- server whose keys cannot open it refuses to start (it would answer "could not be decrypted"
-- for every case), and a server without keys never makes new ones for a database that has data.
CREATE TABLE installation (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    key_check   TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Background jobs (retention, the dashboard's refresh) run once per period across every server:
-- the server whose update moves last_run on claims the period.
CREATE TABLE job_runs (
    name      TEXT PRIMARY KEY,
    last_run  BIGINT NOT NULL,
    holder    TEXT NOT NULL
);

-- Reference data every server caches (districts and their centres, holidays, stations, legal-aid
-- contacts, the prevention library): any change moves the version on, and each server polls it
-- and drops its caches when it moved, so another server's edit shows within seconds.
CREATE TABLE reference_version (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 0);
CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER refver_districts AFTER INSERT OR UPDATE OR DELETE ON districts FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER refver_district_holidays AFTER INSERT OR UPDATE OR DELETE ON district_holidays FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER refver_police_stations AFTER INSERT OR UPDATE OR DELETE ON police_stations FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER refver_legal_aid_contacts AFTER INSERT OR UPDATE OR DELETE ON legal_aid_contacts FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER refver_prevention_tips AFTER INSERT OR UPDATE OR DELETE ON prevention_tips FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER refver_prevention_tip_hidden AFTER INSERT OR UPDATE OR DELETE ON prevention_tip_hidden FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
