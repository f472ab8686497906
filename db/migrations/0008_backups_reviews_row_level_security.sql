-- Row-level security for backup tests, reviews, risks and drills, as in 0001: the MSP, then the
-- practices the signed-in person may see; leadership reads only. Restore tests are never deleted
-- (only withdrawn), risk history is append-only, and a signed-off review can never change.
GRANT SELECT, INSERT, UPDATE, DELETE ON backup_targets, drills, risk_systems TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON reviews, risks TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON restore_tests, risk_events TO standby_app;
--> statement-breakpoint
REVOKE DELETE ON reviews, risks, restore_tests, risk_events FROM standby_app;
--> statement-breakpoint
REVOKE UPDATE ON restore_tests, risk_events FROM standby_app;
--> statement-breakpoint
GRANT UPDATE (withdrawn_at, withdrawn_reason) ON restore_tests TO standby_app;
--> statement-breakpoint
ALTER TABLE backup_targets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE backup_targets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY backup_targets_tenant ON backup_targets
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY backup_targets_no_delete_by_readers ON backup_targets AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE drills ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE drills FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY drills_tenant ON drills
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY drills_no_delete_by_readers ON drills AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE risk_systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_systems FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_systems_tenant ON risk_systems
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY risk_systems_no_delete_by_readers ON risk_systems AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reviews_tenant ON reviews
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE risks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risks_tenant ON risks
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE restore_tests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE restore_tests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY restore_tests_read ON restore_tests FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE POLICY restore_tests_record ON restore_tests FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY restore_tests_withdraw ON restore_tests FOR UPDATE
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE risk_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_events_read ON risk_events FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE POLICY risk_events_record ON risk_events FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
-- A signed-off review is a record of that day: the database itself refuses to change it.
CREATE FUNCTION standby_refuse_signed_off_review_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_off_at IS NOT NULL THEN
    RAISE EXCEPTION 'review % is signed off and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reviews_frozen_after_sign_off BEFORE UPDATE ON reviews
  FOR EACH ROW EXECUTE FUNCTION standby_refuse_signed_off_review_change();
