ALTER TABLE "monitor_results" ADD COLUMN "maintenance_window_id" uuid;--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "maintenance_window_id" uuid;