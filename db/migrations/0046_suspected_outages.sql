CREATE TYPE "public"."suspected_outage_effect" AS ENUM('down', 'degraded');--> statement-breakpoint
CREATE TYPE "public"."suspected_outage_scope" AS ENUM('local', 'vendor_wide');--> statement-breakpoint
CREATE TYPE "public"."suspected_outage_status" AS ENUM('open', 'declared', 'dismissed', 'cleared', 'absorbed');--> statement-breakpoint
CREATE TABLE "suspected_outages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid,
	"scope" "suspected_outage_scope" DEFAULT 'local' NOT NULL,
	"status" "suspected_outage_status" DEFAULT 'open' NOT NULL,
	"effect" "suspected_outage_effect" DEFAULT 'down' NOT NULL,
	"system_id" uuid,
	"system_name" text DEFAULT '' NOT NULL,
	"vendor_id" uuid,
	"vendor_wide_id" uuid,
	"monitor_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"recovered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"dismissed_reason" text,
	"ended_by_name" text,
	"incident_id" uuid,
	"incident_group_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suspected_outages_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "suspected_outages_scope_shape" CHECK (("suspected_outages"."scope" = 'local' and "suspected_outages"."practice_id" is not null) or ("suspected_outages"."scope" = 'vendor_wide' and "suspected_outages"."practice_id" is null and "suspected_outages"."vendor_id" is not null)),
	CONSTRAINT "suspected_outages_dismissed_reason" CHECK ("suspected_outages"."status" <> 'dismissed' or length(btrim(coalesce("suspected_outages"."dismissed_reason", ''))) between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "unreachable_system_id" uuid;--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "unreachable_because" text;--> statement-breakpoint
ALTER TABLE "suspected_outages" ADD CONSTRAINT "suspected_outages_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspected_outages" ADD CONSTRAINT "suspected_outages_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspected_outages" ADD CONSTRAINT "suspected_outages_msp_id_vendor_wide_id_suspected_outages_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_wide_id") REFERENCES "public"."suspected_outages"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suspected_outages_practice_idx" ON "suspected_outages" USING btree ("msp_id","practice_id","opened_at");--> statement-breakpoint
CREATE INDEX "suspected_outages_open_idx" ON "suspected_outages" USING btree ("msp_id","opened_at") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "suspected_outages_one_open_key" ON "suspected_outages" USING btree ("msp_id","practice_id","system_id") WHERE status = 'open' and scope = 'local';--> statement-breakpoint
CREATE UNIQUE INDEX "suspected_outages_one_open_vendor_key" ON "suspected_outages" USING btree ("msp_id","vendor_id") WHERE status = 'open' and scope = 'vendor_wide';--> statement-breakpoint
CREATE INDEX "suspected_outages_incident_idx" ON "suspected_outages" USING btree ("msp_id","incident_id");--> statement-breakpoint
-- Suspected outages belong to a practice (vendor-wide proposals to the MSP, seen only by those who
-- see every practice): its MSP's staff and the practice's managers read them; those who may declare
-- an outage (and the worker, role 'system') open, declare and dismiss them.
ALTER TABLE suspected_outages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE suspected_outages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY suspected_outages_read ON suspected_outages FOR SELECT
  USING (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));
--> statement-breakpoint
CREATE POLICY suspected_outages_write ON suspected_outages FOR ALL
  USING (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'))
  WITH CHECK (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON suspected_outages TO standby_app;
