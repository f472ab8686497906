-- Row-level security for the dependency map and vendors, as in 0001. The vendor catalog is the
-- MSP's (every member may read it, writers may change it); everything else is practice data.
GRANT SELECT, INSERT, UPDATE, DELETE ON vendors, practice_vendors, systems, system_dependencies, system_redundancies TO standby_app;
--> statement-breakpoint
ALTER TABLE vendors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE vendors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY vendors_tenant ON vendors
  USING (msp_id = standby_current_msp())
  WITH CHECK (msp_id = standby_current_msp() AND standby_can_write());
--> statement-breakpoint
CREATE POLICY vendors_no_delete_by_readers ON vendors AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE practice_vendors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practice_vendors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY practice_vendors_tenant ON practice_vendors
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY practice_vendors_no_delete_by_readers ON practice_vendors AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE systems FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY systems_tenant ON systems
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY systems_no_delete_by_readers ON systems AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE system_dependencies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE system_dependencies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY system_dependencies_tenant ON system_dependencies
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY system_dependencies_no_delete_by_readers ON system_dependencies AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE system_redundancies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE system_redundancies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY system_redundancies_tenant ON system_redundancies
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY system_redundancies_no_delete_by_readers ON system_redundancies AS RESTRICTIVE FOR DELETE USING (standby_can_write());
