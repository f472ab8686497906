CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_msp_id_user_id_users_msp_id_id_fk" FOREIGN KEY ("msp_id","user_id") REFERENCES "public"."users"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "password_resets_user_idx" ON "password_resets" USING btree ("msp_id","user_id");--> statement-breakpoint
-- Tenant data like sessions and recovery codes: one MSP at a time, enabled and forced.
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO standby_app;
--> statement-breakpoint
CREATE POLICY password_resets_tenant ON password_resets
  USING ((msp_id = (SELECT standby_current_msp())))
  WITH CHECK ((msp_id = (SELECT standby_current_msp())));
--> statement-breakpoint
-- A reset link is opened before anyone is signed in: its token's hash finds the MSP (like invitations).
CREATE FUNCTION standby_password_reset_lookup(p_token_hash text)
  RETURNS TABLE (reset_id uuid, msp_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id, msp_id FROM password_resets WHERE token_hash = p_token_hash
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_password_reset_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_password_reset_lookup(text) TO standby_app;
