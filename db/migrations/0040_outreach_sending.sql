ALTER TABLE "outreach_messages" DROP CONSTRAINT "outreach_messages_status";--> statement-breakpoint
DROP INDEX "outreach_messages_once_key";--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD COLUMN "outbox" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD COLUMN "stopped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD COLUMN "withheld" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "hours_before" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "first_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "attempt_started_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outreach_messages_pace_idx" ON "outreach_messages" USING btree ("msp_id","practice_id","last_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_messages_once_key" ON "outreach_messages" USING btree ("msp_id","practice_id","appointment_id","kind","hours_before");--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_status" CHECK ("outreach_messages"."status" in ('queued', 'held', 'sending', 'sent', 'delivered', 'undeliverable', 'failed', 'outbox', 'stopped', 'withheld'));--> statement-breakpoint
-- The automatic continuation's scan, across MSPs (ids only): those with a practice that continues its
-- reminders by itself and has an outage open, and those with an automatic campaign still sending
-- (to stop it once the outage is over).
CREATE FUNCTION standby_outreach_auto_msps()
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.msp_id FROM outreach_settings s
     WHERE s.auto_continue
       AND EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = s.msp_id AND i.practice_id = s.practice_id
                      AND i.status NOT IN ('resolved', 'closed'))
    UNION
    SELECT c.msp_id FROM outreach_campaigns c WHERE c.automatic AND c.status = 'sending'
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_outreach_auto_msps() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_outreach_auto_msps() TO standby_app;
