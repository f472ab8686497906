ALTER TABLE "downtime_log_entries" ADD COLUMN "written_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_events" ADD COLUMN "written_at" timestamp with time zone;