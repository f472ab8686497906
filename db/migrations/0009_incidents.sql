CREATE TYPE "public"."incident_cause" AS ENUM('power', 'network', 'hardware', 'vendor', 'human_error', 'cyberattack', 'disaster', 'other');--> statement-breakpoint
CREATE TYPE "public"."incident_scope" AS ENUM('local', 'vendor_wide', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."incident_severity" AS ENUM('critical', 'major', 'minor');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('investigating', 'identified', 'monitoring', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "downtime_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"patient" text NOT NULL,
	"visit_date" date NOT NULL,
	"provider" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"orders" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"recorded_by_name" text NOT NULL,
	"entered_at" timestamp with time zone,
	"entered_by_user_id" uuid,
	"entered_by_name" text,
	"verified_at" timestamp with time zone,
	"verified_by_user_id" uuid,
	"verified_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "downtime_log_verifier_differs" CHECK ("downtime_log_entries"."verified_by_user_id" is null or "downtime_log_entries"."verified_by_user_id" is distinct from "downtime_log_entries"."entered_by_user_id"),
	CONSTRAINT "downtime_log_verified_after_entered" CHECK ("downtime_log_entries"."verified_at" is null or "downtime_log_entries"."entered_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"shared_key" uuid,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_groups_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
CREATE TABLE "incident_systems" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	CONSTRAINT "incident_systems_msp_id_incident_id_system_id_pk" PRIMARY KEY("msp_id","incident_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"title" text NOT NULL,
	"severity" "incident_severity" NOT NULL,
	"patient_care_interrupted" boolean NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"status" "incident_status" DEFAULT 'investigating' NOT NULL,
	"scope" "incident_scope" DEFAULT 'unknown' NOT NULL,
	"scope_confirmed_by_name" text,
	"triage" jsonb,
	"owner_name" text NOT NULL,
	"owner_phone" text DEFAULT '' NOT NULL,
	"update_every_minutes" integer DEFAULT 30 NOT NULL,
	"last_update_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"close_override_reason" text,
	"group_id" uuid,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"review_cause" "incident_cause",
	"review_went_well" text,
	"review_to_change" text,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "incidents_update_every" CHECK ("incidents"."update_every_minutes" between 5 and 1440)
);
--> statement-breakpoint
CREATE TABLE "reconciliation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"checked_at" timestamp with time zone,
	"checked_by_user_id" uuid,
	"checked_by_name" text
);
--> statement-breakpoint
CREATE TABLE "ticket_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"shared_key" uuid NOT NULL,
	"level" integer NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"escalated_by_name" text NOT NULL,
	"escalated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"shared_key" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"ticket_number" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"eta_at" timestamp with time zone,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_tickets_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "from_incident_id" uuid;--> statement-breakpoint
ALTER TABLE "downtime_log_entries" ADD CONSTRAINT "downtime_log_entries_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "downtime_log_entries" ADD CONSTRAINT "downtime_log_entries_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_groups" ADD CONSTRAINT "incident_groups_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_groups" ADD CONSTRAINT "incident_groups_msp_id_vendor_id_vendors_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_id") REFERENCES "public"."vendors"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_msp_id_group_id_incident_groups_msp_id_id_fk" FOREIGN KEY ("msp_id","group_id") REFERENCES "public"."incident_groups"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_items" ADD CONSTRAINT "reconciliation_items_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_items" ADD CONSTRAINT "reconciliation_items_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_escalations" ADD CONSTRAINT "ticket_escalations_msp_id_ticket_id_vendor_tickets_msp_id_id_fk" FOREIGN KEY ("msp_id","ticket_id") REFERENCES "public"."vendor_tickets"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_tickets" ADD CONSTRAINT "vendor_tickets_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_tickets" ADD CONSTRAINT "vendor_tickets_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_tickets" ADD CONSTRAINT "vendor_tickets_msp_id_vendor_id_vendors_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_id") REFERENCES "public"."vendors"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "downtime_log_entries_incident_idx" ON "downtime_log_entries" USING btree ("msp_id","incident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_events_seq_key" ON "incident_events" USING btree ("msp_id","incident_id","seq");--> statement-breakpoint
CREATE INDEX "incident_systems_system_idx" ON "incident_systems" USING btree ("msp_id","system_id");--> statement-breakpoint
CREATE INDEX "incidents_msp_started_idx" ON "incidents" USING btree ("msp_id","started_at");--> statement-breakpoint
CREATE INDEX "incidents_practice_started_idx" ON "incidents" USING btree ("msp_id","practice_id","started_at");--> statement-breakpoint
CREATE INDEX "incidents_open_idx" ON "incidents" USING btree ("msp_id","practice_id") WHERE status not in ('resolved', 'closed');--> statement-breakpoint
CREATE INDEX "incidents_group_idx" ON "incidents" USING btree ("msp_id","group_id");--> statement-breakpoint
CREATE INDEX "reconciliation_items_incident_idx" ON "reconciliation_items" USING btree ("msp_id","incident_id","position");--> statement-breakpoint
CREATE INDEX "ticket_escalations_ticket_idx" ON "ticket_escalations" USING btree ("msp_id","ticket_id","escalated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_escalations_shared_key" ON "ticket_escalations" USING btree ("msp_id","ticket_id","shared_key");--> statement-breakpoint
CREATE INDEX "vendor_tickets_incident_idx" ON "vendor_tickets" USING btree ("msp_id","incident_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_tickets_shared_key" ON "vendor_tickets" USING btree ("msp_id","incident_id","shared_key");--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_from_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","from_incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;