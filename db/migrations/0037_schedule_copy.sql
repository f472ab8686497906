CREATE TABLE "schedule_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"source" text NOT NULL,
	"resource_id" text NOT NULL,
	"version_id" text,
	"patient_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"provider_name" text NOT NULL,
	"location_name" text DEFAULT '' NOT NULL,
	"visit_type" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_appointments_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "schedule_appointments_minutes" CHECK ("schedule_appointments"."minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "schedule_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"source" text NOT NULL,
	"fhir_base_url" text,
	"client_id" text,
	"sync_interval_minutes" integer DEFAULT 15 NOT NULL,
	"sync_days_ahead" integer DEFAULT 7 NOT NULL,
	"retention_days" integer DEFAULT 14 NOT NULL,
	"csv_mapping" jsonb,
	"next_sync_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"last_error_request" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_connections_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "schedule_connections_source" CHECK ("schedule_connections"."source" in ('fhir', 'csv')),
	CONSTRAINT "schedule_connections_fhir_settings" CHECK ("schedule_connections"."source" <> 'fhir' or ("schedule_connections"."fhir_base_url" is not null and "schedule_connections"."client_id" is not null)),
	CONSTRAINT "schedule_connections_ranges" CHECK ("schedule_connections"."sync_interval_minutes" between 5 and 1440 and "schedule_connections"."sync_days_ahead" between 1 and 31 and "schedule_connections"."retention_days" between 1 and 14)
);
--> statement-breakpoint
CREATE TABLE "schedule_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"appointment_id" uuid,
	"kind" text NOT NULL,
	"walk_in_name_sealed" text,
	"walk_in_phone_sealed" text,
	"walk_in_at" timestamp with time zone,
	"provider_name" text,
	"note" text DEFAULT '' NOT NULL,
	"marked_by_user_id" uuid,
	"marked_by_name" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_at" timestamp with time zone,
	"entered_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "schedule_marks_kind" CHECK ("schedule_marks"."kind" in ('arrived', 'no_show', 'cancelled', 'rescheduled', 'walk_in')),
	CONSTRAINT "schedule_marks_walk_in" CHECK (case when "schedule_marks"."kind" = 'walk_in' then "schedule_marks"."appointment_id" is null and "schedule_marks"."walk_in_name_sealed" is not null else "schedule_marks"."appointment_id" is not null end)
);
--> statement-breakpoint
CREATE TABLE "schedule_patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"source" text NOT NULL,
	"resource_id" text NOT NULL,
	"version_id" text,
	"name_sealed" text NOT NULL,
	"phone_sealed" text,
	"email_sealed" text,
	"birth_date_sealed" text,
	"preferred_language" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_patients_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
CREATE TABLE "schedule_signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"alg" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "schedule_signing_keys_alg" CHECK ("schedule_signing_keys"."alg" in ('ES384', 'RS384'))
);
--> statement-breakpoint
ALTER TABLE "schedule_appointments" ADD CONSTRAINT "schedule_appointments_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_appointments" ADD CONSTRAINT "schedule_appointments_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_appointments" ADD CONSTRAINT "schedule_appointments_msp_id_patient_id_schedule_patients_msp_id_id_fk" FOREIGN KEY ("msp_id","patient_id") REFERENCES "public"."schedule_patients"("msp_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_connections" ADD CONSTRAINT "schedule_connections_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_connections" ADD CONSTRAINT "schedule_connections_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_marks" ADD CONSTRAINT "schedule_marks_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_marks" ADD CONSTRAINT "schedule_marks_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_marks" ADD CONSTRAINT "schedule_marks_msp_id_appointment_id_schedule_appointments_msp_id_id_fk" FOREIGN KEY ("msp_id","appointment_id") REFERENCES "public"."schedule_appointments"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_patients" ADD CONSTRAINT "schedule_patients_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_patients" ADD CONSTRAINT "schedule_patients_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_signing_keys" ADD CONSTRAINT "schedule_signing_keys_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_signing_keys" ADD CONSTRAINT "schedule_signing_keys_msp_id_connection_id_schedule_connections_msp_id_id_fk" FOREIGN KEY ("msp_id","connection_id") REFERENCES "public"."schedule_connections"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_appointments_resource_key" ON "schedule_appointments" USING btree ("msp_id","practice_id","source","resource_id");--> statement-breakpoint
CREATE INDEX "schedule_appointments_day_idx" ON "schedule_appointments" USING btree ("msp_id","practice_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_connections_practice_key" ON "schedule_connections" USING btree ("msp_id","practice_id");--> statement-breakpoint
CREATE INDEX "schedule_connections_due_idx" ON "schedule_connections" USING btree ("next_sync_at");--> statement-breakpoint
CREATE INDEX "schedule_marks_incident_idx" ON "schedule_marks" USING btree ("msp_id","incident_id","marked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_marks_appointment_key" ON "schedule_marks" USING btree ("msp_id","incident_id","appointment_id") WHERE "schedule_marks"."appointment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_patients_resource_key" ON "schedule_patients" USING btree ("msp_id","practice_id","source","resource_id");--> statement-breakpoint
CREATE INDEX "schedule_signing_keys_connection_idx" ON "schedule_signing_keys" USING btree ("msp_id","connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_signing_keys_kid_key" ON "schedule_signing_keys" USING btree ("connection_id","kid");--> statement-breakpoint
-- Row-level security of the schedule copy. The copy holds patient data, read as the downtime log is:
-- the MSP's technicians and the practice's managers in their scope once their routine access has
-- begun (never leadership; an admin only through live emergency access). The worker's sync writes
-- it as role 'system' of the connection's MSP. Connections and keys hold no patient data: everyone
-- in scope reads them (the copy's age is shown on the practice page), staff in scope change them.
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_connections, schedule_signing_keys, schedule_patients, schedule_appointments, schedule_marks TO standby_app;
--> statement-breakpoint
ALTER TABLE schedule_connections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_connections FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY schedule_connections_read ON schedule_connections FOR SELECT
  USING (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));
--> statement-breakpoint
CREATE POLICY schedule_connections_write ON schedule_connections FOR ALL
  USING (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'))
  WITH CHECK (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'));
--> statement-breakpoint
ALTER TABLE schedule_signing_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_signing_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY schedule_signing_keys_tenant ON schedule_signing_keys FOR ALL
  USING (msp_id = (SELECT standby_current_msp())
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'system'))
  WITH CHECK (msp_id = (SELECT standby_current_msp())
         AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'system'));
--> statement-breakpoint
ALTER TABLE schedule_patients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_appointments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_appointments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_marks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE schedule_marks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['schedule_patients', 'schedule_appointments', 'schedule_marks'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_work ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager')
             AND (SELECT standby_routine_patient_data_access()))
      WITH CHECK (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager')
             AND (SELECT standby_routine_patient_data_access()))$p$, t);
    EXECUTE format($p$CREATE POLICY %1$s_emergency_read ON %1$I FOR SELECT
      USING (msp_id = (SELECT standby_current_msp()) AND standby_emergency_access_live(practice_id))$p$, t);
    EXECUTE format($p$CREATE POLICY %1$s_owner ON %1$I TO %2$I USING (true) WITH CHECK (true)$p$, t, current_user);
  END LOOP;
  -- The owner runs the security-definer functions below and housekeeping.
  FOREACH t IN ARRAY ARRAY['schedule_connections', 'schedule_signing_keys'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_owner ON %1$I TO %2$I USING (true) WITH CHECK (true)$p$, t, current_user);
  END LOOP;
  -- The worker keeps the copy: the sync writes it, the purge deletes what is past its retention.
  FOREACH t IN ARRAY ARRAY['schedule_patients', 'schedule_appointments', 'schedule_marks'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_sync ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')
      WITH CHECK (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')$p$, t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The JWKS address the EHR vendor registers is public (an EHR fetches it without signing in): this
-- returns a connection's published public keys and nothing else.
CREATE FUNCTION standby_schedule_jwks(p_connection_id uuid)
  RETURNS SETOF jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.public_jwk FROM schedule_signing_keys k
     WHERE k.connection_id = p_connection_id AND k.retired_at IS NULL
     ORDER BY k.created_at
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_schedule_jwks(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_schedule_jwks(uuid) TO standby_app;
--> statement-breakpoint
-- The worker's every-minute scan: which FHIR connections are due, across MSPs (ids only), so each
-- sync then runs as role 'system' with its own tenant set.
CREATE FUNCTION standby_schedule_syncs_due(p_now timestamptz, p_limit integer)
  RETURNS TABLE (msp_id uuid, connection_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.msp_id, c.id FROM schedule_connections c
     WHERE c.source = 'fhir' AND c.next_sync_at <= p_now
     ORDER BY c.next_sync_at
     LIMIT p_limit
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_schedule_syncs_due(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_schedule_syncs_due(timestamptz, integer) TO standby_app;
--> statement-breakpoint
-- A refreshed (or new, or removed) schedule copy changes the practice's readiness (a stale copy costs points).
CREATE TRIGGER schedule_connections_readiness AFTER INSERT OR UPDATE OF refreshed_at OR DELETE ON schedule_connections FOR EACH ROW EXECUTE FUNCTION standby_readiness_stale();
