CREATE TABLE "worker_heartbeats" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "worker_heartbeats_seen_at_idx" ON "worker_heartbeats" USING btree ("seen_at");--> statement-breakpoint
-- Not tenant data (a process id, a host name, times): each worker keeps its own row and removes
-- rows of workers gone for a day; /api/health reads them. No row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON worker_heartbeats TO standby_app;
