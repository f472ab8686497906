ALTER TABLE "incidents" ADD COLUMN "duplicate_of_incident_id" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_duplicate_of_fk" FOREIGN KEY ("msp_id","duplicate_of_incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_duplicate_of_idx" ON "incidents" USING btree ("msp_id","duplicate_of_incident_id") WHERE duplicate_of_incident_id is not null;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_duplicate_closed" CHECK ("incidents"."duplicate_of_incident_id" is null or ("incidents"."status" = 'closed' and "incidents"."duplicate_of_incident_id" <> "incidents"."id"));--> statement-breakpoint
-- Marking an outage a duplicate closes it (closed_at), which already marks the practice's figures
-- stale; the column is named too so that the figures follow any later change to it.
DROP TRIGGER incidents_figures ON incidents;
--> statement-breakpoint
CREATE TRIGGER incidents_figures AFTER INSERT OR UPDATE OF started_at, resolved_at, closed_at, review_cause, duplicate_of_incident_id ON incidents FOR EACH ROW EXECUTE FUNCTION standby_figures_stale();
