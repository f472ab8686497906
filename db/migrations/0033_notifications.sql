CREATE TYPE "public"."channel_kind" AS ENUM('email', 'teams', 'slack', 'webhook', 'sms');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'delivered', 'accepted', 'failed', 'outbox');--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid,
	"kind" "channel_kind" NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_sealed" text,
	"secret_hint" text,
	"events" text[] DEFAULT '{}'::text[] NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_reason" text,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_channels_msp_id_unique" UNIQUE("msp_id","id"),
	CONSTRAINT "notification_channels_name_given" CHECK (length(btrim("notification_channels"."name")) between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid,
	"event_id" uuid NOT NULL,
	"channel_id" uuid,
	"channel_kind" "channel_kind" NOT NULL,
	"channel_name" text NOT NULL,
	"recipient" text DEFAULT '' NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"first_attempt_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_http_status" integer,
	"last_latency_ms" integer,
	"last_detail" text,
	"preview" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid,
	"kind" text NOT NULL,
	"headline" text NOT NULL,
	"status" text,
	"link_path" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_events_msp_id_unique" UNIQUE("msp_id","id")
);
--> statement-breakpoint
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_msp_id_event_id_notification_events_msp_id_id_fk" FOREIGN KEY ("msp_id","event_id") REFERENCES "public"."notification_events"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_msp_id_channel_id_notification_channels_msp_id_id_fk" FOREIGN KEY ("msp_id","channel_id") REFERENCES "public"."notification_channels"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_channels_msp_idx" ON "notification_channels" USING btree ("msp_id","practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_once_idx" ON "notification_deliveries" USING btree ("event_id","channel_id","recipient") WHERE "notification_deliveries"."channel_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_outbox_once_idx" ON "notification_deliveries" USING btree ("event_id") WHERE "notification_deliveries"."channel_id" is null;--> statement-breakpoint
CREATE INDEX "notification_deliveries_log_idx" ON "notification_deliveries" USING btree ("msp_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_channel_idx" ON "notification_deliveries" USING btree ("msp_id","channel_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_events_dedupe_idx" ON "notification_events" USING btree ("msp_id","dedupe_key");--> statement-breakpoint
-- Row-level security. Everyone of the MSP reads its channels (a person declaring an outage records the
-- event and its deliveries, which needs the channels); only admins change them, and the worker
-- (role 'system') records failures and pauses. Events and deliveries follow the practice scope;
-- they are written by whoever causes the event and updated by the worker or an admin.
CREATE FUNCTION standby_notifies() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system') $$;
--> statement-breakpoint
ALTER TABLE notification_channels ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notification_channels FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_channels TO standby_app;--> statement-breakpoint
CREATE POLICY notification_channels_tenant ON notification_channels FOR SELECT
  USING (msp_id = (SELECT standby_current_msp()));--> statement-breakpoint
CREATE POLICY notification_channels_admin ON notification_channels FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY notification_channels_change ON notification_channels FOR UPDATE
  USING (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') IN ('admin', 'system'))
  WITH CHECK (msp_id = (SELECT standby_current_msp()));--> statement-breakpoint
ALTER TABLE notification_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notification_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON notification_events TO standby_app;--> statement-breakpoint
CREATE POLICY notification_events_tenant ON notification_events FOR SELECT
  USING (msp_id = (SELECT standby_current_msp())
    AND (practice_id IS NULL OR (SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));--> statement-breakpoint
CREATE POLICY notification_events_record ON notification_events FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND (SELECT standby_notifies())
    AND (practice_id IS NULL OR (SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));--> statement-breakpoint
ALTER TABLE notification_deliveries ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notification_deliveries FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_deliveries TO standby_app;--> statement-breakpoint
CREATE POLICY notification_deliveries_tenant ON notification_deliveries FOR SELECT
  USING (msp_id = (SELECT standby_current_msp())
    AND (practice_id IS NULL OR (SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));--> statement-breakpoint
CREATE POLICY notification_deliveries_record ON notification_deliveries FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND (SELECT standby_notifies())
    AND (practice_id IS NULL OR (SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));--> statement-breakpoint
CREATE POLICY notification_deliveries_work ON notification_deliveries FOR UPDATE
  USING (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') IN ('admin', 'system'))
  WITH CHECK (msp_id = (SELECT standby_current_msp()));
