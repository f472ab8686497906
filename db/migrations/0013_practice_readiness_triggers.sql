-- Readiness rows are derived data: anyone who may see a practice may refresh its row (leadership
-- included, since reading the portfolio refreshes stale rows). Triggers mark a practice's row stale
-- whenever data its score depends on changes, so no write path can forget to.
GRANT SELECT, INSERT, UPDATE ON practice_readiness TO standby_app;
--> statement-breakpoint
ALTER TABLE practice_readiness ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practice_readiness FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY practice_readiness_tenant ON practice_readiness
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE FUNCTION standby_readiness_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  v_msp uuid;
  v_practice uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    v_msp := OLD.msp_id; v_practice := OLD.practice_id;
  ELSE
    v_msp := NEW.msp_id; v_practice := NEW.practice_id;
  END IF;
  UPDATE practice_readiness SET stale_at = '-infinity'
    WHERE msp_id = v_msp AND practice_id = v_practice AND stale_at <> '-infinity';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_sections_readiness AFTER INSERT OR UPDATE OR DELETE ON plan_sections FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER plan_versions_readiness AFTER INSERT ON plan_versions FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER practice_vendors_readiness AFTER INSERT OR UPDATE OR DELETE ON practice_vendors FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER backup_targets_readiness AFTER INSERT OR UPDATE OR DELETE ON backup_targets FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER restore_tests_readiness AFTER INSERT OR UPDATE ON restore_tests FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER reviews_readiness AFTER INSERT OR UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER risks_readiness AFTER INSERT OR UPDATE ON risks FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER systems_readiness AFTER DELETE ON systems FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
CREATE TRIGGER incidents_readiness AFTER INSERT OR UPDATE OF status, started_at, resolved_at, closed_at ON incidents FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
--> statement-breakpoint
-- A new practice gets its row at once (stale, so the first read computes it); a changed one is stale.
CREATE FUNCTION standby_practice_readiness() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO practice_readiness (msp_id, practice_id, name, archived, score, parts, plan_completeness, backups_overdue, backups_failing, review_overdue, urgent_risks_open, active_incident, vendors_unverified, stale_at)
      VALUES (NEW.msp_id, NEW.id, NEW.name, NEW.archived_at IS NOT NULL, 0, '{}', 0, 0, 0, false, 0, false, 0, '-infinity');
  ELSE
    UPDATE practice_readiness SET stale_at = '-infinity', name = NEW.name, archived = NEW.archived_at IS NOT NULL
      WHERE msp_id = NEW.msp_id AND practice_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER practices_readiness AFTER INSERT OR UPDATE ON practices FOR EACH ROW EXECUTE FUNCTION standby_practice_readiness();
--> statement-breakpoint
-- The MSP's plan template feeds every practice's plan completeness.
CREATE FUNCTION standby_template_readiness() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE practice_readiness SET stale_at = '-infinity' WHERE msp_id = NEW.msp_id AND stale_at <> '-infinity';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_templates_readiness AFTER INSERT OR UPDATE ON plan_templates FOR EACH ROW EXECUTE FUNCTION standby_template_readiness();
--> statement-breakpoint
-- Practices that exist already.
INSERT INTO practice_readiness (msp_id, practice_id, name, archived, score, parts, plan_completeness, backups_overdue, backups_failing, review_overdue, urgent_risks_open, active_incident, vendors_unverified, stale_at)
  SELECT msp_id, id, name, archived_at IS NOT NULL, 0, '{}', 0, 0, 0, false, 0, false, 0, '-infinity' FROM practices;
