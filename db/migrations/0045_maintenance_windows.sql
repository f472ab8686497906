CREATE TYPE "public"."incident_kind" AS ENUM('unplanned', 'planned');--> statement-breakpoint
CREATE TYPE "public"."maintenance_status" AS ENUM('scheduled', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "maintenance_prep_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"window_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"due_minutes_before" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"owner_name" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"done_by_name" text,
	"overdue_notified_at" timestamp with time zone,
	CONSTRAINT "maintenance_prep_items_due_minutes" CHECK ("maintenance_prep_items"."due_minutes_before" between 0 and 43200)
);
--> statement-breakpoint
CREATE TABLE "maintenance_window_systems" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"window_id" uuid NOT NULL,
	"system_id" uuid,
	"system_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"group_id" uuid,
	"vendor_id" uuid,
	"series_id" uuid,
	"title" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "maintenance_status" DEFAULT 'scheduled' NOT NULL,
	"reminder_minutes" integer[] DEFAULT '{4320,1440,60}'::integer[] NOT NULL,
	"reminded_minutes" integer,
	"times_set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"incident_id" uuid,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_windows_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "maintenance_windows_ends_after_start" CHECK ("maintenance_windows"."ends_at" > "maintenance_windows"."starts_at"),
	CONSTRAINT "maintenance_windows_title_given" CHECK (length(btrim("maintenance_windows"."title")) between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "kind" "incident_kind" DEFAULT 'unplanned' NOT NULL;--> statement-breakpoint
ALTER TABLE "practice_quarter_figures" ADD COLUMN "planned_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "practice_quarter_figures" ADD COLUMN "maintenance_windows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "practice_quarter_figures" ADD COLUMN "prep_lists_on_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "calendar_ics" text;--> statement-breakpoint
ALTER TABLE "maintenance_prep_items" ADD CONSTRAINT "maintenance_prep_items_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_prep_items" ADD CONSTRAINT "maintenance_prep_items_msp_id_window_id_maintenance_windows_msp_id_id_fk" FOREIGN KEY ("msp_id","window_id") REFERENCES "public"."maintenance_windows"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_systems" ADD CONSTRAINT "maintenance_window_systems_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_systems" ADD CONSTRAINT "maintenance_window_systems_msp_id_window_id_maintenance_windows_msp_id_id_fk" FOREIGN KEY ("msp_id","window_id") REFERENCES "public"."maintenance_windows"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window_systems" ADD CONSTRAINT "maintenance_window_systems_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE SET NULL ("system_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_msp_id_vendor_id_vendors_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_id") REFERENCES "public"."vendors"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_prep_items_window_idx" ON "maintenance_prep_items" USING btree ("msp_id","window_id","position");--> statement-breakpoint
CREATE INDEX "maintenance_prep_items_due_idx" ON "maintenance_prep_items" USING btree ("msp_id","due_at") WHERE done_at is null and overdue_notified_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_window_systems_key" ON "maintenance_window_systems" USING btree ("msp_id","window_id","system_id");--> statement-breakpoint
CREATE INDEX "maintenance_window_systems_system_idx" ON "maintenance_window_systems" USING btree ("msp_id","system_id");--> statement-breakpoint
CREATE INDEX "maintenance_windows_practice_idx" ON "maintenance_windows" USING btree ("msp_id","practice_id","starts_at");--> statement-breakpoint
CREATE INDEX "maintenance_windows_live_idx" ON "maintenance_windows" USING btree ("msp_id","starts_at") WHERE status in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "maintenance_windows_group_idx" ON "maintenance_windows" USING btree ("msp_id","group_id");
--> statement-breakpoint
ALTER TABLE maintenance_windows ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maintenance_windows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_windows TO standby_app;
--> statement-breakpoint
-- Read by the tenant's scope; written by those who may write and by the worker (role "system"), which
-- moves windows on time and records reminders and overdue prep items.
CREATE POLICY maintenance_windows_tenant ON maintenance_windows
  USING (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
              AND ((SELECT standby_can_write()) OR coalesce(current_setting('app.role', true), '') = 'system'));
--> statement-breakpoint
CREATE POLICY maintenance_windows_no_delete_by_readers ON maintenance_windows AS RESTRICTIVE FOR DELETE
  USING ((SELECT standby_can_write()));
--> statement-breakpoint
ALTER TABLE maintenance_window_systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maintenance_window_systems FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_window_systems TO standby_app;
--> statement-breakpoint
-- Read by the tenant's scope; written by those who may write and by the worker (role "system"), which
-- moves windows on time and records reminders and overdue prep items.
CREATE POLICY maintenance_window_systems_tenant ON maintenance_window_systems
  USING (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
              AND ((SELECT standby_can_write()) OR coalesce(current_setting('app.role', true), '') = 'system'));
--> statement-breakpoint
CREATE POLICY maintenance_window_systems_no_delete_by_readers ON maintenance_window_systems AS RESTRICTIVE FOR DELETE
  USING ((SELECT standby_can_write()));
--> statement-breakpoint
ALTER TABLE maintenance_prep_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maintenance_prep_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_prep_items TO standby_app;
--> statement-breakpoint
-- Read by the tenant's scope; written by those who may write and by the worker (role "system"), which
-- moves windows on time and records reminders and overdue prep items.
CREATE POLICY maintenance_prep_items_tenant ON maintenance_prep_items
  USING (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
              AND ((SELECT standby_can_write()) OR coalesce(current_setting('app.role', true), '') = 'system'));
--> statement-breakpoint
CREATE POLICY maintenance_prep_items_no_delete_by_readers ON maintenance_prep_items AS RESTRICTIVE FOR DELETE
  USING ((SELECT standby_can_write()));
--> statement-breakpoint
-- The worker (role "system") runs a maintenance window as an incident of kind planned: it may open
-- one when the window starts and resolve it when it ends (its systems, timeline entries and the
-- reconciliation checklist with it). Outages (kind unplanned) stay people's to write.
CREATE FUNCTION standby_worker_on_planned(p_incident_id uuid)
  RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('app.role', true), '') = 'system'
       AND EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = standby_current_msp() AND i.id = p_incident_id AND i.kind = 'planned')
  $$;
--> statement-breakpoint
CREATE POLICY incidents_planned_by_worker ON incidents
  USING (msp_id = (SELECT standby_current_msp()) AND kind = 'planned' AND coalesce(current_setting('app.role', true), '') = 'system')
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND kind = 'planned' AND coalesce(current_setting('app.role', true), '') = 'system');
--> statement-breakpoint
CREATE POLICY incident_systems_planned_by_worker ON incident_systems FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND standby_worker_on_planned(incident_id));
--> statement-breakpoint
CREATE POLICY incident_events_planned_by_worker ON incident_events FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND standby_worker_on_planned(incident_id));
--> statement-breakpoint
CREATE POLICY reconciliation_items_planned_by_worker ON reconciliation_items FOR INSERT
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND standby_worker_on_planned(incident_id));
--> statement-breakpoint
-- The maintenance scan, across MSPs (ids only): those with a window scheduled or in progress.
CREATE FUNCTION standby_maintenance_msps()
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT w.msp_id FROM maintenance_windows w
     WHERE w.status IN ('scheduled', 'in_progress')
     ORDER BY w.msp_id
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_maintenance_msps() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_maintenance_msps() TO standby_app;
--> statement-breakpoint
-- For monitors: the live maintenance window (scheduled or in progress, p_at within its start and end)
-- that takes p_system_id down at p_at, directly or through what it depends on; NULL when none. Runs
-- as the caller (row-level security applies).
CREATE FUNCTION standby_maintenance_covering(p_practice_id uuid, p_system_id uuid, p_at timestamptz)
  RETURNS uuid
  LANGUAGE sql STABLE AS $$
    WITH RECURSIVE upstream(system_id) AS (
      SELECT p_system_id
      UNION
      SELECT d.depends_on_id FROM system_dependencies d
        JOIN upstream u ON d.system_id = u.system_id
       WHERE d.msp_id = standby_current_msp() AND d.practice_id = p_practice_id
    )
    SELECT w.id FROM maintenance_windows w
      JOIN maintenance_window_systems s ON s.msp_id = w.msp_id AND s.window_id = w.id
     WHERE w.msp_id = standby_current_msp() AND w.practice_id = p_practice_id
       AND w.status IN ('scheduled', 'in_progress')
       AND w.starts_at <= p_at AND p_at < w.ends_at
       AND s.system_id IN (SELECT system_id FROM upstream)
     ORDER BY w.starts_at
     LIMIT 1
  $$;
--> statement-breakpoint
-- The figures now separate planned from unplanned downtime: recompute every practice's and MSP's.
UPDATE practice_readiness SET figures_stale_at = now();
--> statement-breakpoint
DELETE FROM msp_quarter_figures;
