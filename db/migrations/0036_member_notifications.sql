CREATE TABLE "notification_preferences" (
	"msp_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"outage_email" boolean DEFAULT false NOT NULL,
	"outage_sms" boolean DEFAULT false NOT NULL,
	"mobile" text,
	"daily_digest" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_msp_id_user_id_pk" PRIMARY KEY("msp_id","user_id"),
	CONSTRAINT "notification_preferences_mobile_e164" CHECK ("notification_preferences"."mobile" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "notification_preferences_sms_has_mobile" CHECK (not "notification_preferences"."outage_sms" or "notification_preferences"."mobile" is not null)
);
--> statement-breakpoint
DROP INDEX "notification_deliveries_outbox_once_idx";--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_msp_id_user_id_users_msp_id_id_fk" FOREIGN KEY ("msp_id","user_id") REFERENCES "public"."users"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_member_once_idx" ON "notification_deliveries" USING btree ("event_id","user_id","channel_kind") WHERE "notification_deliveries"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_outbox_once_idx" ON "notification_deliveries" USING btree ("event_id") WHERE "notification_deliveries"."channel_id" is null and "notification_deliveries"."user_id" is null;--> statement-breakpoint
-- Hand-written below (issue 18, item 7: each member's own notifications).

-- A member's preferences are theirs alone, like their calendar feed: the MSP, and the member the
-- transaction runs for (app.user_id). Nobody else, not even an admin, reads or changes them.
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_preferences_own ON notification_preferences
  USING (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_preferences TO standby_app;
--> statement-breakpoint
-- Recording an outage event (as the person declaring it) and the daily digest (as the worker) need
-- to know who opted in: this function, run as the owner, answers only for the current MSP, only to
-- those who record events, only members not removed, and only what a delivery needs (address,
-- mobile, choices, practice scope) — never another member's row to change.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY notification_preferences_owner_lookup ON notification_preferences FOR SELECT TO %I USING (true)', current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_notification_members()
  RETURNS TABLE (user_id uuid, email text, name text, role text, all_practices boolean, practice_ids uuid[],
                 outage_email boolean, outage_sms boolean, mobile text, daily_digest boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, u.email, u.name, u.role::text, u.all_practices,
           array(SELECT a.practice_id FROM user_practice_access a WHERE a.msp_id = u.msp_id AND a.user_id = u.id),
           p.outage_email, p.outage_sms, p.mobile, p.daily_digest
      FROM notification_preferences p JOIN users u ON u.msp_id = p.msp_id AND u.id = p.user_id
     WHERE p.msp_id = standby_current_msp() AND u.removed_at IS NULL
       AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system')
       AND (p.outage_email OR p.outage_sms OR p.daily_digest)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_notification_members() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_notification_members() TO standby_app;
