ALTER TABLE "restore_tests" ALTER COLUMN "restore_minutes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "restore_tests" ALTER COLUMN "data_age_minutes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_hours" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_line_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "practice_sites" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_names" text GENERATED ALWAYS AS (jsonb_path_query_array(ladder, '$[*].name')::text) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_phone_digits" text GENERATED ALWAYS AS (regexp_replace(jsonb_path_query_array(ladder, '$[*].phone')::text, '[^0-9,]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "support_phone_digits" text GENERATED ALWAYS AS (regexp_replace(support_phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "from_drill_finding" text;--> statement-breakpoint
ALTER TABLE "downtime_log_entries" ADD COLUMN "written_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_events" ADD COLUMN "written_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "duplicate_of_incident_id" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_duplicate_of_fk" FOREIGN KEY ("msp_id","duplicate_of_incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_drill_finding_key" ON "risks" USING btree ("msp_id","from_drill_id",md5("from_drill_finding")) WHERE "risks"."from_drill_finding" is not null;--> statement-breakpoint
CREATE INDEX "incidents_duplicate_of_idx" ON "incidents" USING btree ("msp_id","duplicate_of_incident_id") WHERE duplicate_of_incident_id is not null;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_measured_unless_failed" CHECK ("restore_tests"."result" = 'fail' or ("restore_tests"."restore_minutes" is not null and "restore_tests"."data_age_minutes" is not null));--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_duplicate_closed" CHECK ("incidents"."duplicate_of_incident_id" is null or ("incidents"."status" = 'closed' and "incidents"."duplicate_of_incident_id" <> "incidents"."id"));--> statement-breakpoint
-- The support line is an admin's setting like require_two_factor: the msps_admin_settings policy
-- already limits UPDATE to the MSP's admins; the app role may write only these columns.
GRANT UPDATE (support_phone, support_email, support_hours, support_line_version) ON msps TO standby_app;--> statement-breakpoint
ALTER TABLE "msps" ADD CONSTRAINT "msps_support_line_lengths" CHECK (
  char_length(support_phone) <= 40 AND char_length(support_email) <= 254 AND char_length(support_hours) <= 200
);
--> statement-breakpoint
-- The command menu (search.find) matches phones on their digits (the generated columns above). No
-- pg_trgm GIN indexes: the app role reads under FORCEd row-level security, where ILIKE (not
-- LEAKPROOF) cannot be an index condition, so such indexes were measured unused.
-- Marking an outage a duplicate closes it (closed_at), which already marks the practice's figures
-- stale; the column is named too so that the figures follow any later change to it.
DROP TRIGGER incidents_figures ON incidents;
--> statement-breakpoint
CREATE TRIGGER incidents_figures AFTER INSERT OR UPDATE OF started_at, resolved_at, closed_at, review_cause, duplicate_of_incident_id ON incidents FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
