-- The dashboard's time from intake to referral counts the first handover recorded in the
-- referrals table as well as the first change of status to "referred": a referral keeps the
-- month's figures fresh like any other change to a case.
CREATE TRIGGER dash_referrals_insert AFTER INSERT ON referrals BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER dash_referrals_update AFTER UPDATE OF handed_over_at, case_id ON referrals BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER dash_referrals_delete AFTER DELETE ON referrals BEGIN
    INSERT INTO dash_dirty (district_id, day)
    SELECT district_id, (created_at + 19800000) / 86400000 FROM cases WHERE id = OLD.case_id;
END;

-- Months that already have referrals are counted again.
INSERT INTO dash_dirty (district_id, day)
SELECT DISTINCT c.district_id, (c.created_at + 19800000) / 86400000 FROM referrals r JOIN cases c ON c.id = r.case_id;
