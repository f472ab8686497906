CREATE TABLE "outreach_tallies" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"subject_id" uuid,
	"campaign_incident_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "outreach_tallies_msp_id_kind_source_id_pk" PRIMARY KEY("msp_id","kind","source_id"),
	CONSTRAINT "outreach_tallies_kind" CHECK ("outreach_tallies"."kind" in ('message', 'cancel_reply'))
);
--> statement-breakpoint
DROP INDEX "outreach_messages_sent_idx";--> statement-breakpoint
ALTER TABLE "outreach_tallies" ADD CONSTRAINT "outreach_tallies_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tallies" ADD CONSTRAINT "outreach_tallies_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_tallies_quarter_idx" ON "outreach_tallies" USING btree ("msp_id","practice_id","kind","at");--> statement-breakpoint
-- Read (ids and times, no patient data) within the caller's practices; written only by the triggers
-- below, which run as the owner.
GRANT SELECT ON outreach_tallies TO standby_app;
--> statement-breakpoint
ALTER TABLE outreach_tallies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outreach_tallies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format($p$CREATE POLICY outreach_tallies_owner ON outreach_tallies TO %I USING (true) WITH CHECK (true)$p$, current_user);
END $$;
--> statement-breakpoint
CREATE POLICY outreach_tallies_read ON outreach_tallies FOR SELECT
  USING (msp_id = (SELECT standby_current_msp())
         AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])));
--> statement-breakpoint
-- A message counts while it is sent or delivered (a failed or undeliverable status report takes it
-- back); its tally outlives the message when the schedule copy is purged (deletes do not fire this).
CREATE FUNCTION standby_tally_outreach_message() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.status IN ('sent', 'delivered') AND NEW.sent_at IS NOT NULL THEN
    INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, campaign_incident_id, at)
    SELECT NEW.msp_id, NEW.practice_id, 'message', NEW.id, NEW.patient_id, c.incident_id, NEW.sent_at
      FROM (SELECT 1) one
      LEFT JOIN outreach_campaigns c ON c.msp_id = NEW.msp_id AND c.id = NEW.campaign_id
    ON CONFLICT (msp_id, kind, source_id) DO UPDATE SET at = excluded.at;
  ELSE
    DELETE FROM outreach_tallies WHERE msp_id = NEW.msp_id AND kind = 'message' AND source_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER outreach_messages_tally AFTER INSERT OR UPDATE OF status, sent_at ON outreach_messages
  FOR EACH ROW EXECUTE FUNCTION standby_tally_outreach_message();
--> statement-breakpoint
-- A cancellation counts when Standby itself made it from a C/CANCEL reply (services/outreach/replies.ts).
CREATE FUNCTION standby_tally_outreach_reply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.action = 'cancel' AND NEW.appointment_id IS NOT NULL AND NEW.handled_at IS NOT NULL
     AND NEW.handled_by_name = 'Standby' THEN
    INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, at)
    VALUES (NEW.msp_id, NEW.practice_id, 'cancel_reply', NEW.id, NEW.appointment_id, NEW.received_at)
    ON CONFLICT (msp_id, kind, source_id) DO NOTHING;
  ELSE
    DELETE FROM outreach_tallies WHERE msp_id = NEW.msp_id AND kind = 'cancel_reply' AND source_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER outreach_replies_tally AFTER INSERT OR UPDATE OF action, handled_at, handled_by_name ON outreach_replies
  FOR EACH ROW EXECUTE FUNCTION standby_tally_outreach_reply();
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_tally_outreach_message() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_tally_outreach_reply() FROM PUBLIC;
--> statement-breakpoint
-- What was sent and cancelled before the tallies existed.
INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, campaign_incident_id, at)
SELECT m.msp_id, m.practice_id, 'message', m.id, m.patient_id, c.incident_id, m.sent_at
  FROM outreach_messages m
  LEFT JOIN outreach_campaigns c ON c.msp_id = m.msp_id AND c.id = m.campaign_id
 WHERE m.status IN ('sent', 'delivered') AND m.sent_at IS NOT NULL;
--> statement-breakpoint
INSERT INTO outreach_tallies (msp_id, practice_id, kind, source_id, subject_id, at)
SELECT r.msp_id, r.practice_id, 'cancel_reply', r.id, r.appointment_id, r.received_at
  FROM outreach_replies r
 WHERE r.action = 'cancel' AND r.appointment_id IS NOT NULL AND r.handled_at IS NOT NULL
   AND r.handled_by_name = 'Standby';
--> statement-breakpoint
-- The quarterly figures, now from the tallies (same definitions as 0041): they no longer fall when
-- the schedule copy is purged.
CREATE OR REPLACE FUNCTION standby_outreach_quarter_figures(p_practice_ids uuid[], p_quarters text[], p_from timestamptz)
  RETURNS TABLE (quarter text, patients_notified integer, cancellations_by_reply integer,
                 outages_with_outreach integer, median_minutes_to_first_message double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH scope AS (
      SELECT p.id, p.timezone FROM practices p
       WHERE p.msp_id = standby_current_msp()
         AND (p_practice_ids IS NULL OR p.id = ANY (p_practice_ids))
         AND (standby_sees_every_practice() OR p.id = ANY (standby_scope_practice_ids()))
    ),
    sent AS (
      SELECT t.msp_id, t.practice_id, t.subject_id AS patient_id, t.at AS sent_at, t.campaign_incident_id
        FROM scope s
        JOIN outreach_tallies t ON t.msp_id = standby_current_msp() AND t.practice_id = s.id
             AND t.kind = 'message' AND t.at >= p_from
    ),
    linked AS (
      SELECT i.id AS incident_id, to_char(i.started_at AT TIME ZONE s.timezone, 'YYYY-"Q"Q') AS quarter,
             i.created_at AS declared_at, m.patient_id, m.sent_at,
             (m.sent_at >= i.started_at AND m.sent_at < coalesce(i.resolved_at, i.closed_at, 'infinity')) AS during
        FROM sent m
        JOIN scope s ON s.id = m.practice_id
        JOIN incidents i ON i.msp_id = m.msp_id AND i.practice_id = m.practice_id
         AND (i.id = m.campaign_incident_id
              OR (m.sent_at >= i.started_at AND m.sent_at < coalesce(i.resolved_at, i.closed_at, 'infinity')))
    ),
    notified AS (
      SELECT l.quarter, count(DISTINCT l.patient_id)::int AS patients FROM linked l GROUP BY l.quarter
    ),
    outages AS (
      SELECT l.quarter, l.incident_id,
             greatest(0, extract(epoch FROM min(l.sent_at) - l.declared_at) / 60)::float8 AS minutes
        FROM linked l WHERE l.during GROUP BY l.quarter, l.incident_id, l.declared_at
    ),
    outage_figures AS (
      SELECT o.quarter, count(*)::int AS outages,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY o.minutes) AS median
        FROM outages o GROUP BY o.quarter
    ),
    cancellations AS (
      SELECT to_char(t.at AT TIME ZONE s.timezone, 'YYYY-"Q"Q') AS quarter,
             count(DISTINCT t.subject_id)::int AS cancelled
        FROM scope s
        JOIN outreach_tallies t ON t.msp_id = standby_current_msp() AND t.practice_id = s.id
             AND t.kind = 'cancel_reply' AND t.at >= p_from
       GROUP BY 1
    )
    SELECT q.quarter, coalesce(n.patients, 0), coalesce(c.cancelled, 0), coalesce(f.outages, 0), f.median
      FROM unnest(p_quarters) AS q(quarter)
      LEFT JOIN notified n USING (quarter)
      LEFT JOIN outage_figures f USING (quarter)
      LEFT JOIN cancellations c USING (quarter)
  $$;
