-- "What was down" in past incidents survives removing a system from the dependency map, as restore
-- tests do: the name is copied into incident_systems, and deleting the system only clears system_id
-- (ON DELETE SET NULL (system_id), PostgreSQL 15+: msp_id stays, so the row stays in its tenant).
ALTER TABLE "incident_systems" DROP CONSTRAINT "incident_systems_msp_id_system_id_systems_msp_id_id_fk";
--> statement-breakpoint
ALTER TABLE "incident_systems" DROP CONSTRAINT "incident_systems_msp_id_incident_id_system_id_pk";--> statement-breakpoint
ALTER TABLE "incident_systems" ALTER COLUMN "system_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD COLUMN "system_name" text;--> statement-breakpoint
-- Row-level security is forced on both tables: the migration runs as their owner, outside any tenant.
-- The join is written out so the existing rows get their names whatever the policies allow the owner.
ALTER TABLE "incident_systems" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "systems" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "incident_systems" i SET "system_name" = s."name" FROM "systems" s WHERE s."msp_id" = i."msp_id" AND s."id" = i."system_id";--> statement-breakpoint
ALTER TABLE "incident_systems" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "systems" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "incident_systems" ALTER COLUMN "system_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE SET NULL ("system_id") ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_systems_incident_system_key" ON "incident_systems" USING btree ("msp_id","incident_id","system_id");
