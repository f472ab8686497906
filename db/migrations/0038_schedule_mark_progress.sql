-- The front desk's marks on the continuity schedule (schedule_marks) are patient data: only those who
-- work it read them (migration 0037). Closing an incident must still know whether each mark was
-- entered into the EHR, also when an MSP admin closes it, and the recovery panel shows everyone who
-- may change the incident how many there are. This returns exactly that (the kind and when it was
-- entered, never a name, a phone or a note), for the caller's tenant and practices, as
-- standby_downtime_log_progress does for the downtime log. It runs as the owner, whose policy on
-- schedule_marks migration 0037 created.
CREATE FUNCTION standby_schedule_mark_progress(p_incident_id uuid)
  RETURNS TABLE (kind text, entered_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT kind, entered_at
      FROM schedule_marks
     WHERE msp_id = standby_current_msp()
       AND incident_id = p_incident_id
       AND standby_practice_visible(practice_id)
       AND standby_can_write()
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_schedule_mark_progress(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_schedule_mark_progress(uuid) TO standby_app;
