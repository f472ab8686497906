CREATE INDEX "outreach_messages_sent_idx" ON "outreach_messages" USING btree ("msp_id","practice_id","sent_at") WHERE "outreach_messages"."sent_at" is not null;--> statement-breakpoint
-- Leadership's quarterly outreach figures, counts only: every role that reads metrics calls it, but
-- only technicians and practice managers may read outreach messages and replies (patient data), so
-- it runs as the owner and checks the tenant and the caller's practices itself. Quarters are those
-- of each practice's own calendar. Definitions (README, "Quarterly metrics"):
--  * patients notified during outages: distinct patients with a message sent or delivered that was
--    linked to an outage of their practice (its campaign named the incident, or it was sent while the
--    incident was open), in the quarter the outage started;
--  * outages where outreach continued: incidents with at least one such message sent while they were
--    open (started_at ≤ sent_at < resolved/closed), by the quarter they started;
--  * median minutes from declaration (the incident's created_at) to the first of those messages;
--  * cancellations by reply: appointments Standby marked cancelled because the patient replied C or
--    CANCEL (the reply handled by Standby itself, server/services/outreach/replies.ts STANDBY_HANDLED),
--    by the quarter the reply came.
CREATE FUNCTION standby_outreach_quarter_figures(p_practice_ids uuid[], p_quarters text[], p_from timestamptz)
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
      SELECT m.msp_id, m.practice_id, m.patient_id, m.sent_at, c.incident_id AS campaign_incident_id
        FROM scope s
        JOIN outreach_messages m ON m.msp_id = standby_current_msp() AND m.practice_id = s.id
             AND m.sent_at IS NOT NULL AND m.sent_at >= p_from AND m.status IN ('sent', 'delivered')
        JOIN outreach_campaigns c ON c.msp_id = m.msp_id AND c.id = m.campaign_id
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
      SELECT to_char(r.received_at AT TIME ZONE s.timezone, 'YYYY-"Q"Q') AS quarter,
             count(DISTINCT r.appointment_id)::int AS cancelled
        FROM scope s
        JOIN outreach_replies r ON r.msp_id = standby_current_msp() AND r.practice_id = s.id
             AND r.received_at >= p_from AND r.action = 'cancel' AND r.appointment_id IS NOT NULL
             AND r.handled_at IS NOT NULL AND r.handled_by_name = 'Standby'
       GROUP BY 1
    )
    SELECT q.quarter, coalesce(n.patients, 0), coalesce(c.cancelled, 0), coalesce(f.outages, 0), f.median
      FROM unnest(p_quarters) AS q(quarter)
      LEFT JOIN notified n USING (quarter)
      LEFT JOIN outage_figures f USING (quarter)
      LEFT JOIN cancellations c USING (quarter)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_outreach_quarter_figures(uuid[], text[], timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_outreach_quarter_figures(uuid[], text[], timestamptz) TO standby_app;
