-- The dashboard's time from intake to referral counts the first handover recorded in the
-- referrals table as well as the first change of status to "referred": a referral keeps the
-- month's figures fresh like any other change to a case.
CREATE TRIGGER dash_referrals_insert AFTER INSERT OR DELETE ON referrals
    FOR EACH ROW EXECUTE FUNCTION dash_mark_case();
CREATE TRIGGER dash_referrals_update AFTER UPDATE OF handed_over_at, case_id ON referrals
    FOR EACH ROW EXECUTE FUNCTION dash_mark_case();

-- Months that already have referrals are counted again.
INSERT INTO dash_dirty (district_id, day)
SELECT DISTINCT c.district_id, (c.created_at + 19800000) / 86400000 FROM referrals r JOIN cases c ON c.id = r.case_id;
