-- Row-level security: the second wall between tenants, under the checks in the tRPC layer.
-- The app connects as standby_app (not owner, not superuser, no BYPASSRLS). withTenant() sets
-- app.msp_id, app.user_id, app.role and app.practice_ids ('*' = every practice of the MSP)
-- with set_config(..., true), so they last one transaction only.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'standby_app') THEN
    CREATE ROLE standby_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO standby_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO standby_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO standby_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON msps FROM standby_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON audit_events FROM standby_app;
--> statement-breakpoint

CREATE FUNCTION standby_current_msp() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.msp_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION standby_practice_visible(p_practice_id uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('app.practice_ids', true), '') = '*'
        OR coalesce(p_practice_id = ANY (string_to_array(nullif(current_setting('app.practice_ids', true), ''), ',')::uuid[]), false)
  $$;
--> statement-breakpoint
CREATE FUNCTION standby_can_write() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager') $$;
--> statement-breakpoint

ALTER TABLE msps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE msps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY msps_tenant ON msps FOR SELECT USING (id = standby_current_msp());
--> statement-breakpoint

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_tenant ON users USING (msp_id = standby_current_msp()) WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint

ALTER TABLE user_practice_access ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE user_practice_access FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_practice_access_tenant ON user_practice_access USING (msp_id = standby_current_msp()) WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_tenant ON sessions USING (msp_id = standby_current_msp()) WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_tenant ON invitations USING (msp_id = standby_current_msp()) WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_events_read ON audit_events FOR SELECT USING (msp_id = standby_current_msp());
--> statement-breakpoint
CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint

-- Practice data: the MSP, then the practices the signed-in person may see; leadership reads only.
ALTER TABLE practices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY practices_tenant ON practices
  USING (msp_id = standby_current_msp() AND standby_practice_visible(id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY practices_no_delete_by_readers ON practices AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint

ALTER TABLE practice_sites ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE practice_sites FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY practice_sites_tenant ON practice_sites
  USING (msp_id = standby_current_msp() AND standby_practice_visible(practice_id))
  WITH CHECK (msp_id = standby_current_msp() AND standby_practice_visible(practice_id) AND standby_can_write());
--> statement-breakpoint
CREATE POLICY practice_sites_no_delete_by_readers ON practice_sites AS RESTRICTIVE FOR DELETE USING (standby_can_write());
--> statement-breakpoint

-- Two lookups happen before the tenant is known: sign-in by email, and opening an invitation
-- link. They run as the owner through these functions, which return only what the step needs.
-- The owner's policies exist because FORCE applies RLS to the owner too; the owner also creates
-- tenants (msps rows), which the app role can never do.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY msps_owner ON msps TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY users_owner_lookup ON users FOR SELECT TO %I USING (true)', current_user);
  EXECUTE format('CREATE POLICY invitations_owner_lookup ON invitations FOR SELECT TO %I USING (true)', current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_sign_in_lookup(p_email text)
  RETURNS TABLE (user_id uuid, msp_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, msp_id, password_hash FROM users WHERE lower(email) = lower(p_email) AND removed_at IS NULL
  $$;
--> statement-breakpoint
CREATE FUNCTION standby_invitation_lookup(p_token_hash text)
  RETURNS TABLE (invitation_id uuid, msp_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, msp_id FROM invitations WHERE token_hash = p_token_hash
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_sign_in_lookup(text), standby_invitation_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_sign_in_lookup(text), standby_invitation_lookup(text) TO standby_app;
