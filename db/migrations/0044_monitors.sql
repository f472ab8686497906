CREATE TYPE "public"."monitor_kind" AS ENUM('http', 'tcp', 'dns', 'tls', 'heartbeat');--> statement-breakpoint
CREATE TYPE "public"."monitor_outcome" AS ENUM('up', 'degraded', 'down');--> statement-breakpoint
CREATE TYPE "public"."monitor_status" AS ENUM('unknown', 'up', 'pending', 'down', 'degraded', 'paused');--> statement-breakpoint
CREATE TABLE "monitor_results" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"outcome" "monitor_outcome" NOT NULL,
	"latency_ms" integer,
	"error" text,
	CONSTRAINT "monitor_results_msp_id_monitor_id_due_at_pk" PRIMARY KEY("msp_id","monitor_id","due_at")
);
--> statement-breakpoint
CREATE TABLE "monitor_rollups" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"checks" integer NOT NULL,
	"up_checks" integer NOT NULL,
	"degraded_checks" integer NOT NULL,
	"down_checks" integer NOT NULL,
	"latency_count" integer NOT NULL,
	"latency_sum_ms" bigint NOT NULL,
	"latency_max_ms" integer,
	CONSTRAINT "monitor_rollups_msp_id_monitor_id_hour_pk" PRIMARY KEY("msp_id","monitor_id","hour")
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "monitor_kind" NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"port" integer,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"failure_threshold" integer DEFAULT 3 NOT NULL,
	"recovery_threshold" integer DEFAULT 2 NOT NULL,
	"status" "monitor_status" DEFAULT 'unknown' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"consecutive_successes" integer DEFAULT 0 NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_latency_ms" integer,
	"last_error" text,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"in_flight_due_at" timestamp with time zone,
	"in_flight_until" timestamp with time zone,
	"paused_reason" text,
	"paused_until" timestamp with time zone,
	"push_token_hash" text,
	"last_push_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitors_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "monitors_name_given" CHECK (length(btrim("monitors"."name")) between 1 and 80),
	CONSTRAINT "monitors_interval" CHECK ("monitors"."interval_seconds" between 30 and 3600),
	CONSTRAINT "monitors_timeout" CHECK ("monitors"."timeout_seconds" >= 1 and "monitors"."timeout_seconds" <= 30 and "monitors"."timeout_seconds" * 5 <= "monitors"."interval_seconds" * 4),
	CONSTRAINT "monitors_retries" CHECK ("monitors"."retries" between 0 and 5),
	CONSTRAINT "monitors_thresholds" CHECK ("monitors"."failure_threshold" between 1 and 20 and "monitors"."recovery_threshold" between 1 and 20),
	CONSTRAINT "monitors_paused_reason" CHECK ("monitors"."status" <> 'paused' or "monitors"."paused_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "monitor_results" ADD CONSTRAINT "monitor_results_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_results" ADD CONSTRAINT "monitor_results_msp_id_monitor_id_monitors_msp_id_id_fk" FOREIGN KEY ("msp_id","monitor_id") REFERENCES "public"."monitors"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_rollups" ADD CONSTRAINT "monitor_rollups_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_rollups" ADD CONSTRAINT "monitor_rollups_msp_id_monitor_id_monitors_msp_id_id_fk" FOREIGN KEY ("msp_id","monitor_id") REFERENCES "public"."monitors"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_results_msp_due_idx" ON "monitor_results" USING btree ("msp_id","due_at");--> statement-breakpoint
CREATE INDEX "monitor_rollups_msp_hour_idx" ON "monitor_rollups" USING btree ("msp_id","hour");--> statement-breakpoint
CREATE INDEX "monitors_practice_idx" ON "monitors" USING btree ("msp_id","practice_id","name");--> statement-breakpoint
CREATE INDEX "monitors_status_idx" ON "monitors" USING btree ("msp_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "monitors_push_token_key" ON "monitors" USING btree ("push_token_hash");--> statement-breakpoint
CREATE INDEX "monitors_due_idx" ON "monitors" USING btree ("next_check_at");--> statement-breakpoint
-- Hand-written below (issue 21: monitors).

-- Monitors, their results and rollups belong to a practice: its MSP's staff and the practice's
-- managers read them; admins and technicians change monitors; the worker (role 'system') records
-- checks (state on the monitor, results, rollups) and nothing else writes results.
ALTER TABLE monitors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitor_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitor_results FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitor_rollups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitor_rollups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['monitors', 'monitor_results', 'monitor_rollups'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_read ON %1$I FOR SELECT
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))$p$, t);
    -- The owner runs the security-definer functions below (the claim, the push lookup).
    EXECUTE format($p$CREATE POLICY %1$s_owner ON %1$I TO %2$I USING (true) WITH CHECK (true)$p$, t, current_user);
  END LOOP;
  EXECUTE $p$CREATE POLICY monitors_write ON monitors FOR ALL
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'system'))
      WITH CHECK (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'system'))$p$;
  FOREACH t IN ARRAY ARRAY['monitor_results', 'monitor_rollups'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_worker ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')
      WITH CHECK (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')$p$, t);
  END LOOP;
END $$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON monitors, monitor_results, monitor_rollups TO standby_app;
--> statement-breakpoint
-- The worker's tick: claims the checks that are due, across MSPs, each monitor once (FOR UPDATE SKIP
-- LOCKED: two workers never take the same row) and only when no check of it is in flight (or the
-- one in flight outlived its lease: its worker died). Returns ids and the due time only; the check
-- is then recorded as role 'system' in the monitor's own tenant. A paused monitor whose pause has
-- ended is claimed too (recording it ends the pause).
CREATE FUNCTION standby_monitor_checks_claim(p_now timestamptz, p_limit integer)
  RETURNS TABLE (msp_id uuid, monitor_id uuid, due_at timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH due AS (
      SELECT m.id FROM monitors m
       WHERE m.next_check_at <= p_now
         AND (m.status <> 'paused' OR m.paused_until <= p_now)
         AND (m.in_flight_until IS NULL OR m.in_flight_until < p_now)
       ORDER BY m.next_check_at
       LIMIT p_limit
       FOR UPDATE SKIP LOCKED
    )
    UPDATE monitors m
       SET in_flight_due_at = m.next_check_at,
           in_flight_until = p_now + make_interval(secs => m.timeout_seconds * (m.retries + 1) + 15)
      FROM due
     WHERE m.id = due.id
    RETURNING m.msp_id, m.id, m.next_check_at
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_monitor_checks_claim(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_monitor_checks_claim(timestamptz, integer) TO standby_app;
--> statement-breakpoint
-- A heartbeat push arrives before the tenant is known: the token's hash finds the monitor's MSP and
-- id, nothing else. Everything after runs as role 'system' in that MSP.
CREATE FUNCTION standby_monitor_push_lookup(p_token_hash text)
  RETURNS TABLE (msp_id uuid, monitor_id uuid, token_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT m.msp_id, m.id, m.push_token_hash FROM monitors m
     WHERE m.push_token_hash = p_token_hash AND m.kind = 'heartbeat'
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_monitor_push_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_monitor_push_lookup(text) TO standby_app;
