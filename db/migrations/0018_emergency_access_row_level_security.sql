-- Emergency ("break glass") access to the downtime documentation log (patient data).
-- Routine work on the log belongs to those who run the practice's incidents: MSP technicians and the
-- practice's own managers. An MSP admin (the account owner) reads a practice's log only through a
-- live emergency grant: one practice, one admin, a written reason, at most an hour, never changed
-- or deleted afterwards. Leadership never reads it. The application checks the same rules first;
-- these policies are the wall under them.
GRANT SELECT, INSERT ON emergency_access_grants TO standby_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON emergency_access_grants FROM standby_app;
--> statement-breakpoint
ALTER TABLE emergency_access_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE emergency_access_grants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Who sees the grants: the MSP's admins and the managers of that practice.
CREATE POLICY emergency_access_grants_read ON emergency_access_grants FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id)
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'practice_manager'));
--> statement-breakpoint
-- Only an admin grants, only to themself, starting now (not dated ahead).
CREATE POLICY emergency_access_grants_grant ON emergency_access_grants FOR INSERT
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id)
              AND coalesce(current_setting('app.role', true), '') = 'admin'
              AND user_id = nullif(current_setting('app.user_id', true), '')::uuid
              AND granted_at <= now() + interval '5 minutes');
--> statement-breakpoint
CREATE FUNCTION standby_emergency_access_live(p_practice_id uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('app.role', true), '') = 'admin'
       AND EXISTS (
         SELECT 1 FROM emergency_access_grants g
          WHERE g.msp_id = standby_current_msp()
            AND g.practice_id = p_practice_id
            AND g.user_id = nullif(current_setting('app.user_id', true), '')::uuid
            AND g.granted_at <= now()
            AND g.expires_at > now())
  $$;
--> statement-breakpoint
DROP POLICY downtime_log_entries_tenant ON downtime_log_entries;
--> statement-breakpoint
-- Routine work: technicians and the practice's managers, within their practices.
CREATE POLICY downtime_log_entries_work ON downtime_log_entries
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id)
         AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager'))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id)
              AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager'));
--> statement-breakpoint
-- Emergency access: read only, while the admin's grant for this practice is live.
CREATE POLICY downtime_log_entries_emergency_read ON downtime_log_entries FOR SELECT
  USING (msp_id = standby_current_msp() AND standby_emergency_access_live(practice_id));
--> statement-breakpoint
-- Closing an incident needs to know whether each paper record was entered and verified, also when an
-- admin closes it. This returns exactly that (who and when, never the patient data), for the
-- caller's tenant and practices; it runs as the owner, which therefore gets a policy of its own (the
-- owner also writes the demo seed's paper records; the app never connects as the owner).
DO $$
BEGIN
  EXECUTE format('CREATE POLICY downtime_log_entries_owner ON downtime_log_entries TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_downtime_log_progress(p_incident_id uuid)
  RETURNS TABLE (entered_at timestamptz, entered_by_user_id uuid, verified_at timestamptz, verified_by_user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT entered_at, entered_by_user_id, verified_at, verified_by_user_id
      FROM downtime_log_entries
     WHERE msp_id = standby_current_msp()
       AND incident_id = p_incident_id
       AND standby_practice_visible(practice_id)
       AND standby_can_write()
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_downtime_log_progress(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_downtime_log_progress(uuid) TO standby_app;
