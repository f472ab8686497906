-- Quarterly figures are derived data like practice_readiness: anyone who may see a practice may
-- refresh its rows (leadership included, since reading the metrics refreshes stale ones).
GRANT SELECT, INSERT, UPDATE, DELETE ON practice_quarter_figures TO standby_app;
--> statement-breakpoint
ALTER TABLE practice_quarter_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practice_quarter_figures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY practice_quarter_figures_tenant ON practice_quarter_figures
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
-- The MSP-wide roll-up covers every practice: only someone who sees every practice reads or writes it.
GRANT SELECT, INSERT, UPDATE ON msp_quarter_figures TO standby_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON msp_quarter_figures FROM standby_app;
--> statement-breakpoint
ALTER TABLE msp_quarter_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE msp_quarter_figures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY msp_quarter_figures_tenant ON msp_quarter_figures
  USING (msp_id = standby_current_msp() AND coalesce(current_setting('app.practice_ids', true), '') = '*')
  WITH CHECK (msp_id = standby_current_msp() AND coalesce(current_setting('app.practice_ids', true), '') = '*');
--> statement-breakpoint
-- Triggers mark a practice's figures stale whenever a record they are computed from changes.
CREATE FUNCTION standby_figures_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  v_msp uuid;
  v_practice uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    v_msp := OLD.msp_id; v_practice := OLD.practice_id;
  ELSIF TG_TABLE_NAME = 'practices' THEN
    v_msp := NEW.msp_id; v_practice := NEW.id;
  ELSE
    v_msp := NEW.msp_id; v_practice := NEW.practice_id;
  END IF;
  UPDATE practice_readiness SET figures_stale_at = '-infinity'
    WHERE msp_id = v_msp AND practice_id = v_practice AND figures_stale_at <> '-infinity';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_figures AFTER INSERT OR UPDATE OF started_at, resolved_at, closed_at, review_cause ON incidents FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER vendor_tickets_figures AFTER INSERT OR UPDATE OF opened_at OR DELETE ON vendor_tickets FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER restore_tests_figures AFTER INSERT OR UPDATE ON restore_tests FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER reviews_figures AFTER INSERT OR UPDATE OF signed_off_at, due_on ON reviews FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER risks_figures AFTER INSERT OR UPDATE ON risks FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER plan_versions_figures AFTER INSERT ON plan_versions FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER drills_figures AFTER INSERT OR UPDATE OR DELETE ON drills FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER practices_figures AFTER UPDATE OF timezone, downtime_cost_per_minute_cents ON practices FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
--> statement-breakpoint
CREATE TRIGGER practice_vendors_figures AFTER INSERT OR UPDATE OR DELETE ON practice_vendors FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
