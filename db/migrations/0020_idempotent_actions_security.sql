-- A person's own action keys only: another user's retry can never read someone else's result.
GRANT SELECT, INSERT, UPDATE ON idempotent_actions TO standby_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON idempotent_actions FROM standby_app;
--> statement-breakpoint
ALTER TABLE idempotent_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE idempotent_actions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY idempotent_actions_own ON idempotent_actions
  USING (msp_id = standby_current_msp() AND user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (msp_id = standby_current_msp() AND user_id = nullif(current_setting('app.user_id', true), '')::uuid);
