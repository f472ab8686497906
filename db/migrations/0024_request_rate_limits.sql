CREATE TABLE "request_rate_counts" (
	"key_hash" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "request_rate_counts_key_hash_window_start_pk" PRIMARY KEY("key_hash","window_start")
);
--> statement-breakpoint
CREATE INDEX "request_rate_counts_window_start_idx" ON "request_rate_counts" USING btree ("window_start");--> statement-breakpoint
-- Not tenant data (hashed keys, counts): the app role keeps and prunes the counters; no row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON request_rate_counts TO standby_app;
