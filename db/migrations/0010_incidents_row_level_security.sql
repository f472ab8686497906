-- Row-level security for incidents, as in 0001: the MSP, then the practices the signed-in person
-- may see; leadership reads only. The timeline and escalations are append-only, incidents are never
-- deleted, and the downtime documentation log (patient data) is not even readable by leadership.
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_groups, incident_systems, vendor_tickets, reconciliation_items, downtime_log_entries TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON incidents TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON incident_events, ticket_escalations TO standby_app;
--> statement-breakpoint
REVOKE DELETE ON incidents, incident_events, ticket_escalations FROM standby_app;
--> statement-breakpoint
REVOKE UPDATE ON incident_events, ticket_escalations FROM standby_app;
--> statement-breakpoint
ALTER TABLE incident_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_groups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_groups_tenant ON incident_groups
  USING (msp_id = standby_current_msp())
  WITH CHECK (msp_id = standby_current_msp() AND standby_can_write());
--> statement-breakpoint
CREATE POLICY incident_groups_no_delete_by_readers ON incident_groups AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incidents_tenant ON incidents
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY incidents_no_delete_by_readers ON incidents AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE incident_systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_systems FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_systems_tenant ON incident_systems
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY incident_systems_no_delete_by_readers ON incident_systems AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE vendor_tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE vendor_tickets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY vendor_tickets_tenant ON vendor_tickets
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY vendor_tickets_no_delete_by_readers ON vendor_tickets AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE reconciliation_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reconciliation_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reconciliation_items_tenant ON reconciliation_items
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY reconciliation_items_no_delete_by_readers ON reconciliation_items AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint
ALTER TABLE incident_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE incident_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY incident_events_read ON incident_events FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE POLICY incident_events_record ON incident_events FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE ticket_escalations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_escalations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ticket_escalations_read ON ticket_escalations FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id));
--> statement-breakpoint
CREATE POLICY ticket_escalations_record ON ticket_escalations FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
ALTER TABLE downtime_log_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE downtime_log_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Patient data: readable only by those who work the practice's incidents, never by leadership.
CREATE POLICY downtime_log_entries_tenant ON downtime_log_entries
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write())
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
