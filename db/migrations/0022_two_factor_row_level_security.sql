-- Recovery codes are tenant data like sessions: RLS enabled and forced, one MSP at a time.
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY recovery_codes_tenant ON recovery_codes USING (msp_id = standby_current_msp()) WITH CHECK (msp_id = standby_current_msp());
--> statement-breakpoint
-- The app may change one thing about its own MSP, and only as an admin: whether two-factor sign-in is
-- required. Nothing else of the msps row becomes writable (column-level grant).
GRANT UPDATE (require_two_factor) ON msps TO standby_app;
--> statement-breakpoint
CREATE POLICY msps_admin_settings ON msps FOR UPDATE
  USING (id = standby_current_msp() AND coalesce(current_setting('app.role', true), '') = 'admin')
  WITH CHECK (id = standby_current_msp() AND coalesce(current_setting('app.role', true), '') = 'admin');
