-- db/policies.sql: row-level security as the migrations leave it. GENERATED from the catalog of a
-- freshly migrated database by `npm run db:policies`: do not edit; change a migration and regenerate.
-- npm test fails when this file and the migrations disagree (db/policies.test.ts).
--
-- For each table: whether row-level security is enabled and forced, what the app role (standby_app) may
-- do to it, and its policies (PERMISSIVE ones are OR-ed, RESTRICTIVE ones AND-ed with them).
-- <owner> is the role that ran the migrations (it owns the tables). Then the functions the policies
-- call and every SECURITY DEFINER function, with who may execute them. The job queue's tables
-- (schema pgboss, pg-boss's, installed by db/job-queue.ts; one partition of pgboss.job per queue) hold no tenant rows.

-- audit_events ------------------------------------------------------------------------------------
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON audit_events TO standby_app;
CREATE POLICY audit_events_append ON audit_events
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );
CREATE POLICY audit_events_read ON audit_events
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- backup_targets ----------------------------------------------------------------------------------
ALTER TABLE backup_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE backup_targets FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON backup_targets TO standby_app;
CREATE POLICY backup_targets_no_delete_by_readers ON backup_targets
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY backup_targets_tenant ON backup_targets
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- calendar_feed_events ----------------------------------------------------------------------------
ALTER TABLE calendar_feed_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feed_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feed_events TO standby_app;
CREATE POLICY calendar_feed_events_own ON calendar_feed_events
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  );

-- calendar_feeds ----------------------------------------------------------------------------------
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO standby_app;
CREATE POLICY calendar_feeds_own ON calendar_feeds
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  );
CREATE POLICY calendar_feeds_owner_lookup ON calendar_feeds
  AS PERMISSIVE FOR SELECT TO <owner>
  USING (
    true
  );

-- downtime_log_entries ----------------------------------------------------------------------------
ALTER TABLE downtime_log_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE downtime_log_entries FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON downtime_log_entries TO standby_app;
CREATE POLICY downtime_log_entries_emergency_read ON downtime_log_entries
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY downtime_log_entries_owner ON downtime_log_entries
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY downtime_log_entries_work ON downtime_log_entries
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- drills ------------------------------------------------------------------------------------------
ALTER TABLE drills ENABLE ROW LEVEL SECURITY;
ALTER TABLE drills FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON drills TO standby_app;
CREATE POLICY drills_no_delete_by_readers ON drills
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY drills_tenant ON drills
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- emergency_access_grants -------------------------------------------------------------------------
ALTER TABLE emergency_access_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE emergency_access_grants FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON emergency_access_grants TO standby_app;
CREATE POLICY emergency_access_grants_grant ON emergency_access_grants
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'admin'::text
    AND user_id = NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid
    AND granted_at <= (now() + '00:05:00'::interval)
  );
CREATE POLICY emergency_access_grants_read ON emergency_access_grants
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'practice_manager'::text]))
  );

-- idempotent_actions ------------------------------------------------------------------------------
ALTER TABLE idempotent_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotent_actions FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON idempotent_actions TO standby_app;
CREATE POLICY idempotent_actions_own ON idempotent_actions
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid
  );
CREATE POLICY idempotent_actions_owner_housekeeping ON idempotent_actions
  AS PERMISSIVE FOR DELETE TO <owner>
  USING (
    created_at < (now() - '1 day'::interval)
  );

-- incident_events ---------------------------------------------------------------------------------
ALTER TABLE incident_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON incident_events TO standby_app;
CREATE POLICY incident_events_planned_by_worker ON incident_events
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_worker_on_planned(incident_id)
  );
CREATE POLICY incident_events_read ON incident_events
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY incident_events_record ON incident_events
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- incident_groups ---------------------------------------------------------------------------------
ALTER TABLE incident_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_groups FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_groups TO standby_app;
CREATE POLICY incident_groups_no_delete_by_readers ON incident_groups
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY incident_groups_tenant ON incident_groups
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- incident_systems --------------------------------------------------------------------------------
ALTER TABLE incident_systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_systems FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_systems TO standby_app;
CREATE POLICY incident_systems_no_delete_by_readers ON incident_systems
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY incident_systems_planned_by_worker ON incident_systems
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_worker_on_planned(incident_id)
  );
CREATE POLICY incident_systems_tenant ON incident_systems
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- incidents ---------------------------------------------------------------------------------------
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON incidents TO standby_app;
CREATE POLICY incidents_no_delete_by_readers ON incidents
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY incidents_owner_open_scan ON incidents
  AS PERMISSIVE FOR SELECT TO <owner>
  USING (
    status <> ALL (ARRAY['resolved'::incident_status, 'closed'::incident_status])
  );
CREATE POLICY incidents_planned_by_worker ON incidents
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND kind = 'planned'::incident_kind
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND kind = 'planned'::incident_kind
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY incidents_tenant ON incidents
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- invitations -------------------------------------------------------------------------------------
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO standby_app;
CREATE POLICY invitations_owner_lookup ON invitations
  AS PERMISSIVE FOR SELECT TO <owner>
  USING (
    true
  );
CREATE POLICY invitations_tenant ON invitations
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- maintenance_prep_items --------------------------------------------------------------------------
ALTER TABLE maintenance_prep_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE maintenance_prep_items FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_prep_items TO standby_app;
CREATE POLICY maintenance_prep_items_no_delete_by_readers ON maintenance_prep_items
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY maintenance_prep_items_tenant ON maintenance_prep_items
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (( SELECT standby_can_write() AS standby_can_write) OR COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text)
  );

-- maintenance_window_systems ----------------------------------------------------------------------
ALTER TABLE maintenance_window_systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE maintenance_window_systems FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_window_systems TO standby_app;
CREATE POLICY maintenance_window_systems_no_delete_by_readers ON maintenance_window_systems
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY maintenance_window_systems_tenant ON maintenance_window_systems
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (( SELECT standby_can_write() AS standby_can_write) OR COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text)
  );

-- maintenance_windows -----------------------------------------------------------------------------
ALTER TABLE maintenance_windows ENABLE ROW LEVEL SECURITY;
ALTER TABLE maintenance_windows FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_windows TO standby_app;
CREATE POLICY maintenance_windows_no_delete_by_readers ON maintenance_windows
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY maintenance_windows_tenant ON maintenance_windows
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (( SELECT standby_can_write() AS standby_can_write) OR COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text)
  );

-- monitor_results ---------------------------------------------------------------------------------
ALTER TABLE monitor_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_results FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_results TO standby_app;
CREATE POLICY monitor_results_owner ON monitor_results
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY monitor_results_read ON monitor_results
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY monitor_results_worker ON monitor_results
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );

-- monitor_rollups ---------------------------------------------------------------------------------
ALTER TABLE monitor_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_rollups FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_rollups TO standby_app;
CREATE POLICY monitor_rollups_owner ON monitor_rollups
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY monitor_rollups_read ON monitor_rollups
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY monitor_rollups_worker ON monitor_rollups
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );

-- monitors ----------------------------------------------------------------------------------------
ALTER TABLE monitors ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitors FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON monitors TO standby_app;
CREATE POLICY monitors_owner ON monitors
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY monitors_read ON monitors
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY monitors_write ON monitors
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'system'::text]))
  );

-- msp_quarter_figures -----------------------------------------------------------------------------
ALTER TABLE msp_quarter_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE msp_quarter_figures FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON msp_quarter_figures TO standby_app;
CREATE POLICY msp_quarter_figures_tenant ON msp_quarter_figures
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.practice_ids'::text, true), ''::text) = '*'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.practice_ids'::text, true), ''::text) = '*'::text
  );

-- msps --------------------------------------------------------------------------------------------
ALTER TABLE msps ENABLE ROW LEVEL SECURITY;
ALTER TABLE msps FORCE ROW LEVEL SECURITY;
GRANT SELECT ON msps TO standby_app;
GRANT UPDATE (require_two_factor) ON msps TO standby_app;
GRANT UPDATE (support_email) ON msps TO standby_app;
GRANT UPDATE (support_hours) ON msps TO standby_app;
GRANT UPDATE (support_line_version) ON msps TO standby_app;
GRANT UPDATE (support_phone) ON msps TO standby_app;
CREATE POLICY msps_admin_settings ON msps
  AS PERMISSIVE FOR UPDATE TO public
  USING (
    id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'admin'::text
  )
  WITH CHECK (
    id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'admin'::text
  );
CREATE POLICY msps_owner ON msps
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY msps_tenant ON msps
  AS PERMISSIVE FOR SELECT TO public
  USING (
    id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- notification_channels ---------------------------------------------------------------------------
ALTER TABLE notification_channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_channels FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_channels TO standby_app;
CREATE POLICY notification_channels_admin ON notification_channels
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'admin'::text
  );
CREATE POLICY notification_channels_change ON notification_channels
  AS PERMISSIVE FOR UPDATE TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );
CREATE POLICY notification_channels_tenant ON notification_channels
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- notification_deliveries -------------------------------------------------------------------------
ALTER TABLE notification_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_deliveries FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_deliveries TO standby_app;
CREATE POLICY notification_deliveries_record ON notification_deliveries
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND ( SELECT standby_notifies() AS standby_notifies)
    AND (practice_id IS NULL OR ( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY notification_deliveries_tenant ON notification_deliveries
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (practice_id IS NULL OR ( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY notification_deliveries_work ON notification_deliveries
  AS PERMISSIVE FOR UPDATE TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- notification_events -----------------------------------------------------------------------------
ALTER TABLE notification_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_events TO standby_app;
CREATE POLICY notification_events_record ON notification_events
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND ( SELECT standby_notifies() AS standby_notifies)
    AND (practice_id IS NULL OR ( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY notification_events_tenant ON notification_events
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (practice_id IS NULL OR ( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- notification_preferences ------------------------------------------------------------------------
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO standby_app;
CREATE POLICY notification_preferences_own ON notification_preferences
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND user_id = (( SELECT NULLIF(current_setting('app.user_id'::text, true), ''::text)::uuid AS "nullif"))
  );
CREATE POLICY notification_preferences_owner_lookup ON notification_preferences
  AS PERMISSIVE FOR SELECT TO <owner>
  USING (
    true
  );

-- outreach_campaigns ------------------------------------------------------------------------------
ALTER TABLE outreach_campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_campaigns FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_campaigns TO standby_app;
CREATE POLICY outreach_campaigns_owner ON outreach_campaigns
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_campaigns_read ON outreach_campaigns
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY outreach_campaigns_write ON outreach_campaigns
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  );

-- outreach_messages -------------------------------------------------------------------------------
ALTER TABLE outreach_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_messages FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_messages TO standby_app;
CREATE POLICY outreach_messages_emergency_read ON outreach_messages
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY outreach_messages_owner ON outreach_messages
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_messages_system ON outreach_messages
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY outreach_messages_work ON outreach_messages
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- outreach_opt_outs -------------------------------------------------------------------------------
ALTER TABLE outreach_opt_outs ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_opt_outs FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_opt_outs TO standby_app;
CREATE POLICY outreach_opt_outs_emergency_read ON outreach_opt_outs
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY outreach_opt_outs_owner ON outreach_opt_outs
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_opt_outs_system ON outreach_opt_outs
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY outreach_opt_outs_work ON outreach_opt_outs
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- outreach_replies --------------------------------------------------------------------------------
ALTER TABLE outreach_replies ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_replies FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_replies TO standby_app;
CREATE POLICY outreach_replies_emergency_read ON outreach_replies
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY outreach_replies_owner ON outreach_replies
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_replies_system ON outreach_replies
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY outreach_replies_work ON outreach_replies
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- outreach_settings -------------------------------------------------------------------------------
ALTER TABLE outreach_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_settings FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_settings TO standby_app;
CREATE POLICY outreach_settings_owner ON outreach_settings
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_settings_read ON outreach_settings
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY outreach_settings_write ON outreach_settings
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  );

-- outreach_tallies --------------------------------------------------------------------------------
ALTER TABLE outreach_tallies ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_tallies FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_tallies TO standby_app;
CREATE POLICY outreach_tallies_owner ON outreach_tallies
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_tallies_read ON outreach_tallies
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- outreach_templates ------------------------------------------------------------------------------
ALTER TABLE outreach_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE outreach_templates FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_templates TO standby_app;
CREATE POLICY outreach_templates_owner ON outreach_templates
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY outreach_templates_read ON outreach_templates
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (practice_id IS NULL OR ( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY outreach_templates_write ON outreach_templates
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text]))
    AND (practice_id IS NULL AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text])) OR practice_id IS NOT NULL AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[]))))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text]))
    AND (practice_id IS NULL AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text])) OR practice_id IS NOT NULL AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[]))))
  );

-- packet_prints -----------------------------------------------------------------------------------
ALTER TABLE packet_prints ENABLE ROW LEVEL SECURITY;
ALTER TABLE packet_prints FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON packet_prints TO standby_app;
CREATE POLICY packet_prints_read ON packet_prints
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY packet_prints_record ON packet_prints
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- password_resets ---------------------------------------------------------------------------------
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO standby_app;
CREATE POLICY password_resets_tenant ON password_resets
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- plan_sections -----------------------------------------------------------------------------------
ALTER TABLE plan_sections ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_sections FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON plan_sections TO standby_app;
CREATE POLICY plan_sections_no_delete_by_readers ON plan_sections
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY plan_sections_tenant ON plan_sections
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- plan_templates ----------------------------------------------------------------------------------
ALTER TABLE plan_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_templates FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON plan_templates TO standby_app;
CREATE POLICY plan_templates_tenant ON plan_templates
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- plan_versions -----------------------------------------------------------------------------------
ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_versions FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON plan_versions TO standby_app;
CREATE POLICY plan_versions_publish ON plan_versions
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY plan_versions_read ON plan_versions
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- practice_quarter_figures ------------------------------------------------------------------------
ALTER TABLE practice_quarter_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE practice_quarter_figures FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON practice_quarter_figures TO standby_app;
CREATE POLICY practice_quarter_figures_tenant ON practice_quarter_figures
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- practice_readiness ------------------------------------------------------------------------------
ALTER TABLE practice_readiness ENABLE ROW LEVEL SECURITY;
ALTER TABLE practice_readiness FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON practice_readiness TO standby_app;
CREATE POLICY practice_readiness_tenant ON practice_readiness
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );

-- practice_sites ----------------------------------------------------------------------------------
ALTER TABLE practice_sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE practice_sites FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON practice_sites TO standby_app;
CREATE POLICY practice_sites_no_delete_by_readers ON practice_sites
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY practice_sites_tenant ON practice_sites
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- practice_vendors --------------------------------------------------------------------------------
ALTER TABLE practice_vendors ENABLE ROW LEVEL SECURITY;
ALTER TABLE practice_vendors FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON practice_vendors TO standby_app;
CREATE POLICY practice_vendors_no_delete_by_readers ON practice_vendors
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY practice_vendors_tenant ON practice_vendors
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- practices ---------------------------------------------------------------------------------------
ALTER TABLE practices ENABLE ROW LEVEL SECURITY;
ALTER TABLE practices FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON practices TO standby_app;
CREATE POLICY practices_no_delete_by_readers ON practices
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY practices_tenant ON practices
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- reconciliation_items ----------------------------------------------------------------------------
ALTER TABLE reconciliation_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_items FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON reconciliation_items TO standby_app;
CREATE POLICY reconciliation_items_no_delete_by_readers ON reconciliation_items
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY reconciliation_items_planned_by_worker ON reconciliation_items
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_worker_on_planned(incident_id)
  );
CREATE POLICY reconciliation_items_tenant ON reconciliation_items
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- recovery_codes ----------------------------------------------------------------------------------
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes TO standby_app;
CREATE POLICY recovery_codes_tenant ON recovery_codes
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- request_rate_counts -----------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, INSERT, UPDATE, DELETE ON request_rate_counts TO standby_app;

-- restore_tests -----------------------------------------------------------------------------------
ALTER TABLE restore_tests ENABLE ROW LEVEL SECURITY;
ALTER TABLE restore_tests FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON restore_tests TO standby_app;
GRANT UPDATE (withdrawn_at) ON restore_tests TO standby_app;
GRANT UPDATE (withdrawn_reason) ON restore_tests TO standby_app;
CREATE POLICY restore_tests_read ON restore_tests
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY restore_tests_record ON restore_tests
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY restore_tests_withdraw ON restore_tests
  AS PERMISSIVE FOR UPDATE TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- reviews -----------------------------------------------------------------------------------------
ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON reviews TO standby_app;
CREATE POLICY reviews_tenant ON reviews
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- risk_events -------------------------------------------------------------------------------------
ALTER TABLE risk_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON risk_events TO standby_app;
CREATE POLICY risk_events_read ON risk_events
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY risk_events_record ON risk_events
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- risk_systems ------------------------------------------------------------------------------------
ALTER TABLE risk_systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_systems FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON risk_systems TO standby_app;
CREATE POLICY risk_systems_no_delete_by_readers ON risk_systems
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY risk_systems_tenant ON risk_systems
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- risks -------------------------------------------------------------------------------------------
ALTER TABLE risks ENABLE ROW LEVEL SECURITY;
ALTER TABLE risks FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON risks TO standby_app;
CREATE POLICY risks_tenant ON risks
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- schedule_appointments ---------------------------------------------------------------------------
ALTER TABLE schedule_appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_appointments FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_appointments TO standby_app;
CREATE POLICY schedule_appointments_emergency_read ON schedule_appointments
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY schedule_appointments_owner ON schedule_appointments
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY schedule_appointments_sync ON schedule_appointments
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY schedule_appointments_work ON schedule_appointments
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- schedule_connections ----------------------------------------------------------------------------
ALTER TABLE schedule_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_connections FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_connections TO standby_app;
CREATE POLICY schedule_connections_owner ON schedule_connections
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY schedule_connections_read ON schedule_connections
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY schedule_connections_write ON schedule_connections
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  );

-- schedule_marks ----------------------------------------------------------------------------------
ALTER TABLE schedule_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_marks FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_marks TO standby_app;
CREATE POLICY schedule_marks_emergency_read ON schedule_marks
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY schedule_marks_owner ON schedule_marks
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY schedule_marks_sync ON schedule_marks
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY schedule_marks_work ON schedule_marks
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- schedule_patients -------------------------------------------------------------------------------
ALTER TABLE schedule_patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_patients FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_patients TO standby_app;
CREATE POLICY schedule_patients_emergency_read ON schedule_patients
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND standby_emergency_access_live(practice_id)
  );
CREATE POLICY schedule_patients_owner ON schedule_patients
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY schedule_patients_sync ON schedule_patients
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND COALESCE(current_setting('app.role'::text, true), ''::text) = 'system'::text
  );
CREATE POLICY schedule_patients_work ON schedule_patients
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text]))
    AND ( SELECT standby_routine_patient_data_access() AS standby_routine_patient_data_access)
  );

-- schedule_signing_keys ---------------------------------------------------------------------------
ALTER TABLE schedule_signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_signing_keys FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_signing_keys TO standby_app;
CREATE POLICY schedule_signing_keys_owner ON schedule_signing_keys
  AS PERMISSIVE FOR ALL TO <owner>
  USING (
    true
  )
  WITH CHECK (
    true
  );
CREATE POLICY schedule_signing_keys_tenant ON schedule_signing_keys
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'system'::text]))
  );

-- sessions ----------------------------------------------------------------------------------------
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO standby_app;
CREATE POLICY sessions_owner_housekeeping ON sessions
  AS PERMISSIVE FOR DELETE TO <owner>
  USING (
    created_at < (now() - '30 days'::interval)
  );
CREATE POLICY sessions_tenant ON sessions
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- sign_in_attempts --------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_attempts TO standby_app;

-- suspected_outages -------------------------------------------------------------------------------
ALTER TABLE suspected_outages ENABLE ROW LEVEL SECURITY;
ALTER TABLE suspected_outages FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON suspected_outages TO standby_app;
CREATE POLICY suspected_outages_read ON suspected_outages
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY suspected_outages_write ON suspected_outages
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['admin'::text, 'technician'::text, 'practice_manager'::text, 'system'::text]))
  );

-- system_dependencies -----------------------------------------------------------------------------
ALTER TABLE system_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE system_dependencies FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON system_dependencies TO standby_app;
CREATE POLICY system_dependencies_no_delete_by_readers ON system_dependencies
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY system_dependencies_tenant ON system_dependencies
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- system_redundancies -----------------------------------------------------------------------------
ALTER TABLE system_redundancies ENABLE ROW LEVEL SECURITY;
ALTER TABLE system_redundancies FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON system_redundancies TO standby_app;
CREATE POLICY system_redundancies_no_delete_by_readers ON system_redundancies
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY system_redundancies_tenant ON system_redundancies
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- systems -----------------------------------------------------------------------------------------
ALTER TABLE systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE systems FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON systems TO standby_app;
CREATE POLICY systems_no_delete_by_readers ON systems
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY systems_tenant ON systems
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- ticket_escalations ------------------------------------------------------------------------------
ALTER TABLE ticket_escalations ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_escalations FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON ticket_escalations TO standby_app;
CREATE POLICY ticket_escalations_read ON ticket_escalations
  AS PERMISSIVE FOR SELECT TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  );
CREATE POLICY ticket_escalations_record ON ticket_escalations
  AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- user_practice_access ----------------------------------------------------------------------------
ALTER TABLE user_practice_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_practice_access FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_practice_access TO standby_app;
CREATE POLICY user_practice_access_tenant ON user_practice_access
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- users -------------------------------------------------------------------------------------------
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO standby_app;
CREATE POLICY users_owner_lookup ON users
  AS PERMISSIVE FOR SELECT TO <owner>
  USING (
    true
  );
CREATE POLICY users_tenant ON users
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
  );

-- vendor_tickets ----------------------------------------------------------------------------------
ALTER TABLE vendor_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor_tickets FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON vendor_tickets TO standby_app;
CREATE POLICY vendor_tickets_no_delete_by_readers ON vendor_tickets
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY vendor_tickets_tenant ON vendor_tickets
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (practice_id = ANY ((( SELECT standby_scope_practice_ids() AS standby_scope_practice_ids))::uuid[])))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- vendors -----------------------------------------------------------------------------------------
ALTER TABLE vendors ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendors FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON vendors TO standby_app;
CREATE POLICY vendors_no_delete_by_readers ON vendors
  AS RESTRICTIVE FOR DELETE TO public
  USING (
    ( SELECT standby_can_write() AS standby_can_write)
  );
CREATE POLICY vendors_tenant ON vendors
  AS PERMISSIVE FOR ALL TO public
  USING (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND (( SELECT standby_sees_every_practice() AS standby_sees_every_practice) OR (id = ANY ((( SELECT standby_scope_vendor_ids() AS standby_scope_vendor_ids))::uuid[])))
  )
  WITH CHECK (
    msp_id = (( SELECT standby_current_msp() AS standby_current_msp))
    AND ( SELECT standby_can_write() AS standby_can_write)
  );

-- worker_heartbeats -------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, INSERT, UPDATE, DELETE ON worker_heartbeats TO standby_app;

-- pgboss.archive ----------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, INSERT, UPDATE, DELETE ON pgboss.archive TO standby_app;

-- pgboss.job --------------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows); partitioned
GRANT SELECT, INSERT, UPDATE, DELETE ON pgboss.job TO standby_app;

-- pgboss.queue ------------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT ON pgboss.queue TO standby_app;

-- pgboss.schedule ---------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, INSERT, UPDATE, DELETE ON pgboss.schedule TO standby_app;

-- pgboss.subscription -----------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT ON pgboss.subscription TO standby_app;

-- pgboss.version ----------------------------------------------------------------------------------
-- row-level security: OFF (no tenant rows)
GRANT SELECT, UPDATE ON pgboss.version TO standby_app;

-- Functions ---------------------------------------------------------------------------------------

-- standby_calendar_feed_lookup(p_token_hash text) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_calendar_feed_lookup(p_token_hash text)
 RETURNS TABLE(feed_id uuid, msp_id uuid, user_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT f.id, f.msp_id, f.user_id
      FROM calendar_feeds f JOIN users u ON u.msp_id = f.msp_id AND u.id = f.user_id
     WHERE f.token_hash = p_token_hash AND u.removed_at IS NULL
  $function$;

-- standby_can_write(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_can_write()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$ SELECT coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager') $function$;

-- standby_current_msp(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_current_msp()
 RETURNS uuid
 LANGUAGE sql
 STABLE
AS $function$ SELECT nullif(current_setting('app.msp_id', true), '')::uuid $function$;

-- standby_downtime_log_progress(p_incident_id uuid) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_downtime_log_progress(p_incident_id uuid)
 RETURNS TABLE(entered_at timestamp with time zone, entered_by_user_id uuid, verified_at timestamp with time zone, verified_by_user_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT entered_at, entered_by_user_id, verified_at, verified_by_user_id
      FROM downtime_log_entries
     WHERE msp_id = standby_current_msp()
       AND incident_id = p_incident_id
       AND standby_practice_visible(practice_id)
       AND standby_can_write()
  $function$;

-- standby_emergency_access_live(p_practice_id uuid); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_emergency_access_live(p_practice_id uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    SELECT coalesce(current_setting('app.role', true), '') = 'admin'
       AND EXISTS (
         SELECT 1 FROM emergency_access_grants g
          WHERE g.msp_id = standby_current_msp()
            AND g.practice_id = p_practice_id
            AND g.user_id = nullif(current_setting('app.user_id', true), '')::uuid
            AND g.granted_at <= now()
            AND g.expires_at > now())
  $function$;

-- standby_housekeeping() — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_housekeeping()
 RETURNS TABLE(idempotent_actions_deleted bigint, sessions_deleted bigint, sign_in_attempts_deleted bigint)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  actions bigint := 0;
  ended_sessions bigint := 0;
  attempts bigint := 0;
BEGIN
  -- Several app servers call this; while one runs, the others have nothing to do.
  IF pg_try_advisory_xact_lock(hashtext('standby_housekeeping')) THEN
    DELETE FROM idempotent_actions WHERE created_at < now() - interval '1 day';
    GET DIAGNOSTICS actions = ROW_COUNT;
    DELETE FROM sessions WHERE created_at < now() - interval '30 days';
    GET DIAGNOSTICS ended_sessions = ROW_COUNT;
    DELETE FROM sign_in_attempts
     WHERE window_started_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now());
    GET DIAGNOSTICS attempts = ROW_COUNT;
  END IF;
  RETURN QUERY SELECT actions, ended_sessions, attempts;
END $function$;

-- standby_invitation_lookup(p_token_hash text) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_invitation_lookup(p_token_hash text)
 RETURNS TABLE(invitation_id uuid, msp_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT id, msp_id FROM invitations WHERE token_hash = p_token_hash
  $function$;

-- standby_maintenance_msps() — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_maintenance_msps()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT DISTINCT w.msp_id FROM maintenance_windows w
     WHERE w.status IN ('scheduled', 'in_progress')
     ORDER BY w.msp_id
  $function$;

-- standby_monitor_checks_claim(p_now timestamp with time zone, p_limit integer) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_monitor_checks_claim(p_now timestamp with time zone, p_limit integer)
 RETURNS TABLE(msp_id uuid, monitor_id uuid, due_at timestamp with time zone)
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    WITH due AS (
      SELECT m.id FROM monitors m
       WHERE m.next_check_at <= p_now
         AND (m.status <> 'paused' OR m.paused_until <= p_now)
         AND (m.in_flight_until IS NULL OR m.in_flight_until < p_now)
         AND NOT EXISTS (SELECT 1 FROM practices p
                          WHERE p.msp_id = m.msp_id AND p.id = m.practice_id AND p.archived_at IS NOT NULL)
       ORDER BY m.next_check_at
       LIMIT p_limit
       FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE monitors m
       SET in_flight_due_at = m.next_check_at,
           in_flight_until = p_now + make_interval(secs => m.timeout_seconds * (m.retries + 1) + 15)
      FROM due
     WHERE m.id = due.id
    RETURNING m.msp_id, m.id, m.next_check_at
  $function$;

-- standby_monitor_push_lookup(p_token_hash text) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_monitor_push_lookup(p_token_hash text)
 RETURNS TABLE(msp_id uuid, monitor_id uuid, token_hash text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT m.msp_id, m.id, m.push_token_hash FROM monitors m
     WHERE m.push_token_hash = p_token_hash AND m.kind = 'heartbeat'
  $function$;

-- standby_msps_to_scan(only_open_incidents boolean) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_msps_to_scan(only_open_incidents boolean)
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT m.id FROM msps m
     WHERE NOT only_open_incidents
        OR EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = m.id AND i.status NOT IN ('resolved', 'closed'))
     ORDER BY m.id
  $function$;

-- standby_notification_members() — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_notification_members()
 RETURNS TABLE(user_id uuid, email text, name text, role text, all_practices boolean, practice_ids uuid[], outage_email boolean, outage_sms boolean, mobile text, daily_digest boolean, digest_time_zone text, digest_hour integer)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT u.id, u.email, u.name, u.role::text, u.all_practices,
           array(SELECT a.practice_id FROM user_practice_access a WHERE a.msp_id = u.msp_id AND a.user_id = u.id),
           p.outage_email, p.outage_sms, p.mobile, p.daily_digest, p.digest_time_zone, p.digest_hour
      FROM notification_preferences p JOIN users u ON u.msp_id = p.msp_id AND u.id = p.user_id
     WHERE p.msp_id = standby_current_msp() AND u.removed_at IS NULL
       AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system')
       AND (p.outage_email OR p.outage_sms OR p.daily_digest)
  $function$;

-- standby_notifies(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_notifies()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$ SELECT coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system') $function$;

-- standby_outreach_auto_msps() — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_outreach_auto_msps()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT s.msp_id FROM outreach_settings s
     WHERE s.auto_continue
       AND EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = s.msp_id AND i.practice_id = s.practice_id
                      AND i.status NOT IN ('resolved', 'closed'))
    UNION
    SELECT c.msp_id FROM outreach_campaigns c WHERE c.automatic AND c.status = 'sending'
  $function$;

-- standby_outreach_due(p_now timestamp with time zone, p_limit integer) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_outreach_due(p_now timestamp with time zone, p_limit integer)
 RETURNS TABLE(msp_id uuid, practice_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT DISTINCT m.msp_id, m.practice_id FROM outreach_messages m
     WHERE m.status IN ('queued', 'held') AND m.send_after <= p_now
        OR (m.status = 'sending' AND m.claimed_until < p_now)
     LIMIT p_limit
  $function$;

-- standby_outreach_quarter_figures(p_practice_ids uuid[], p_quarters text[], p_from timestamp with time zone) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_outreach_quarter_figures(p_practice_ids uuid[], p_quarters text[], p_from timestamp with time zone)
 RETURNS TABLE(quarter text, patients_notified integer, cancellations_by_reply integer, outages_with_outreach integer, median_minutes_to_first_message double precision)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    WITH scope AS (
      SELECT p.id, p.timezone FROM practices p
       WHERE p.msp_id = standby_current_msp()
         AND (p_practice_ids IS NULL OR p.id = ANY (p_practice_ids))
         AND (standby_sees_every_practice() OR p.id = ANY (standby_scope_practice_ids()))
    ),
    sent AS (
      SELECT t.msp_id, t.practice_id, t.subject_id AS patient_id, t.at AS sent_at, t.campaign_incident_id
        FROM scope s
        JOIN outreach_tallies t ON t.msp_id = standby_current_msp() AND t.practice_id = s.id
             AND t.kind = 'message' AND t.at >= p_from
    ),
    linked AS (
      SELECT i.id AS incident_id, to_char(i.started_at AT TIME ZONE s.timezone, 'YYYY-"Q"Q') AS quarter,
             i.created_at AS declared_at, m.patient_id, m.sent_at,
             (m.sent_at >= i.started_at AND m.sent_at < coalesce(i.resolved_at, i.closed_at, 'infinity')) AS during
        FROM sent m
        JOIN scope s ON s.id = m.practice_id
        JOIN incidents i ON i.msp_id = m.msp_id AND i.practice_id = m.practice_id
         AND (i.id = m.campaign_incident_id
              OR (m.sent_at >= i.started_at AND m.sent_at < coalesce(i.resolved_at, i.closed_at, 'infinity')))
    ),
    notified AS (
      SELECT l.quarter, count(DISTINCT l.patient_id)::int AS patients FROM linked l GROUP BY l.quarter
    ),
    outages AS (
      SELECT l.quarter, l.incident_id,
             greatest(0, extract(epoch FROM min(l.sent_at) - l.declared_at) / 60)::float8 AS minutes
        FROM linked l WHERE l.during GROUP BY l.quarter, l.incident_id, l.declared_at
    ),
    outage_figures AS (
      SELECT o.quarter, count(*)::int AS outages,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY o.minutes) AS median
        FROM outages o GROUP BY o.quarter
    ),
    cancellations AS (
      SELECT to_char(t.at AT TIME ZONE s.timezone, 'YYYY-"Q"Q') AS quarter,
             count(DISTINCT t.subject_id)::int AS cancelled
        FROM scope s
        JOIN outreach_tallies t ON t.msp_id = standby_current_msp() AND t.practice_id = s.id
             AND t.kind = 'cancel_reply' AND t.at >= p_from
       GROUP BY 1
    )
    SELECT q.quarter, coalesce(n.patients, 0), coalesce(c.cancelled, 0), coalesce(f.outages, 0), f.median
      FROM unnest(p_quarters) AS q(quarter)
      LEFT JOIN notified n USING (quarter)
      LEFT JOIN outage_figures f USING (quarter)
      LEFT JOIN cancellations c USING (quarter)
  $function$;

-- standby_password_reset_lookup(p_token_hash text) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_password_reset_lookup(p_token_hash text)
 RETURNS TABLE(reset_id uuid, msp_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT id, msp_id FROM password_resets WHERE token_hash = p_token_hash
  $function$;

-- standby_routine_patient_data_access(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_routine_patient_data_access()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    SELECT EXISTS (
      SELECT 1 FROM users u
       WHERE u.msp_id = standby_current_msp()
         AND u.id = nullif(current_setting('app.user_id', true), '')::uuid
         AND u.removed_at IS NULL
         AND u.role::text = coalesce(current_setting('app.role', true), '')
         AND u.role IN ('technician', 'practice_manager')
         AND u.patient_data_access_from <= now())
  $function$;

-- standby_schedule_jwks(p_connection_id uuid) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_schedule_jwks(p_connection_id uuid)
 RETURNS SETOF jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT k.public_jwk FROM schedule_signing_keys k
     WHERE k.connection_id = p_connection_id AND k.retired_at IS NULL
     ORDER BY k.created_at
  $function$;

-- standby_schedule_mark_progress(p_incident_id uuid) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_schedule_mark_progress(p_incident_id uuid)
 RETURNS TABLE(kind text, entered_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT kind, entered_at
      FROM schedule_marks
     WHERE msp_id = standby_current_msp()
       AND incident_id = p_incident_id
       AND standby_practice_visible(practice_id)
       AND standby_can_write()
  $function$;

-- standby_schedule_syncs_due(p_now timestamp with time zone, p_limit integer) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_schedule_syncs_due(p_now timestamp with time zone, p_limit integer)
 RETURNS TABLE(msp_id uuid, connection_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT c.msp_id, c.id FROM schedule_connections c
     WHERE c.source = 'fhir' AND c.next_sync_at <= p_now
     ORDER BY c.next_sync_at
     LIMIT p_limit
  $function$;

-- standby_scope_practice_ids(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_scope_practice_ids()
 RETURNS uuid[]
 LANGUAGE sql
 STABLE
AS $function$
    SELECT CASE WHEN coalesce(current_setting('app.practice_ids', true), '') IN ('', '*') THEN '{}'::uuid[]
                ELSE string_to_array(current_setting('app.practice_ids', true), ',')::uuid[] END
  $function$;

-- standby_scope_vendor_ids(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_scope_vendor_ids()
 RETURNS uuid[]
 LANGUAGE sql
 STABLE
AS $function$
    SELECT coalesce(array_agg(DISTINCT vendor_id), '{}'::uuid[]) FROM (
      SELECT vendor_id FROM practice_vendors
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids())
      UNION ALL
      SELECT vendor_id FROM systems
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids()) AND vendor_id IS NOT NULL
      UNION ALL
      SELECT vendor_id FROM vendor_tickets
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids())
    ) used
  $function$;

-- standby_sees_every_practice(); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_sees_every_practice()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$ SELECT coalesce(current_setting('app.practice_ids', true), '') = '*' $function$;

-- standby_sign_in_lookup(p_email text) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_sign_in_lookup(p_email text)
 RETURNS TABLE(user_id uuid, msp_id uuid, password_hash text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT id, msp_id, password_hash FROM users WHERE lower(email) = lower(p_email) AND removed_at IS NULL
  $function$;

-- standby_sms_channel_msp(p_channel_id uuid) — SECURITY DEFINER: runs as <owner>; EXECUTE: standby_app
CREATE OR REPLACE FUNCTION public.standby_sms_channel_msp(p_channel_id uuid)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    SELECT c.msp_id FROM notification_channels c
     WHERE c.id = p_channel_id AND c.kind = 'sms' AND c.removed_at IS NULL
  $function$;

-- standby_tally_outreach_message() — SECURITY DEFINER: runs as <owner>; EXECUTE: nobody but <owner>
CREATE OR REPLACE FUNCTION public.standby_tally_outreach_message()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF NEW.status IN ('sent', 'delivered') AND NEW.sent_at IS NOT NULL THEN
    INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, campaign_incident_id, at)
    SELECT NEW.msp_id, NEW.practice_id, 'message', NEW.id, NEW.patient_id, c.incident_id, NEW.sent_at
      FROM (SELECT 1) one
      LEFT JOIN outreach_campaigns c ON c.msp_id = NEW.msp_id AND c.id = NEW.campaign_id
    ON CONFLICT (msp_id, kind, source_id) DO UPDATE SET at = excluded.at;
  ELSE
    DELETE FROM outreach_tallies WHERE msp_id = NEW.msp_id AND kind = 'message' AND source_id = NEW.id;
  END IF;
  RETURN NULL;
END $function$;

-- standby_tally_outreach_reply() — SECURITY DEFINER: runs as <owner>; EXECUTE: nobody but <owner>
CREATE OR REPLACE FUNCTION public.standby_tally_outreach_reply()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF NEW.action = 'cancel' AND NEW.appointment_id IS NOT NULL AND NEW.handled_at IS NOT NULL
     AND NEW.handled_by_name = 'Standby' THEN
    INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, at)
    VALUES (NEW.msp_id, NEW.practice_id, 'cancel_reply', NEW.id, NEW.appointment_id, NEW.received_at)
    ON CONFLICT (msp_id, kind, source_id) DO NOTHING;
  ELSE
    DELETE FROM outreach_tallies WHERE msp_id = NEW.msp_id AND kind = 'cancel_reply' AND source_id = NEW.id;
  END IF;
  RETURN NULL;
END $function$;

-- standby_worker_on_planned(p_incident_id uuid); EXECUTE: PUBLIC (default)
CREATE OR REPLACE FUNCTION public.standby_worker_on_planned(p_incident_id uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    SELECT coalesce(current_setting('app.role', true), '') = 'system'
       AND EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = standby_current_msp() AND i.id = p_incident_id AND i.kind = 'planned')
  $function$;
