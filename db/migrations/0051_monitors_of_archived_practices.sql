-- An archived practice is no longer looked after: its monitors are not checked (nor do their push
-- heartbeats go missing) until it is restored, when the checks due resume at once.
CREATE OR REPLACE FUNCTION standby_monitor_checks_claim(p_now timestamptz, p_limit integer)
  RETURNS TABLE (msp_id uuid, monitor_id uuid, due_at timestamptz)
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH due AS (
      SELECT m.id FROM monitors m
       WHERE m.next_check_at <= p_now
         AND (m.status <> 'paused' OR m.paused_until <= p_now)
         AND (m.in_flight_until IS NULL OR m.in_flight_until < p_now)
         AND NOT EXISTS (SELECT 1 FROM practices p
                          WHERE p.msp_id = m.msp_id AND p.id = m.practice_id AND p.archived_at IS NOT NULL)
       ORDER BY m.next_check_at
       LIMIT p_limit
       FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE monitors m
       SET in_flight_due_at = m.next_check_at,
           in_flight_until = p_now + make_interval(secs => m.timeout_seconds * (m.retries + 1) + 15)
      FROM due
     WHERE m.id = due.id
    RETURNING m.msp_id, m.id, m.next_check_at
  $$;
