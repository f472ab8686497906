-- Row-level security for the downtime plan tables, as in 0001: the MSP, then the practices the
-- signed-in person may see; leadership reads only. Published versions and packet prints are
-- append-only: the app role may insert and read them, never change or delete them.
GRANT SELECT, INSERT, UPDATE, DELETE ON plan_templates, plan_sections TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON plan_versions, packet_prints TO standby_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON plan_versions, packet_prints FROM standby_app;
--> statement-breakpoint
ALTER TABLE plan_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_templates_tenant ON plan_templates
  USING (msp_id = standby_current_msp())
  WITH CHECK (msp_id = standby_current_msp() AND standby_can_write());
--> statement-breakpoint
ALTER TABLE plan_sections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_sections FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_sections_tenant ON plan_sections
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY plan_sections_no_delete_by_readers ON plan_sections AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_versions_read ON plan_versions FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE POLICY plan_versions_publish ON plan_versions FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE packet_prints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE packet_prints FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY packet_prints_read ON packet_prints FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
-- Anyone who can see the practice may print its packet, leadership included.
CREATE POLICY packet_prints_record ON packet_prints FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
