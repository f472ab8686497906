-- Housekeeping: rows that have served their purpose are deleted by standby_housekeeping(), which
-- every app server calls at start and every 15 minutes (server/housekeeping.ts; a worker may take
-- it over later). It runs as the owner (SECURITY DEFINER) because the app role may not delete these
-- rows; FORCE applies row-level security to the owner too, so the owner gets DELETE policies that
-- allow exactly the rows past their retention, in no tenant.
--   idempotent_actions  created more than a day ago (a retry of a lost response comes within seconds)
--   sessions            signed in more than 30 days ago: all have ended (revoked, idle, or past
--                       SESSION_MAX_HOURS, 12 hours by default)
--   sign_in_attempts    counting windows that started more than a day ago and block nobody now
--                       (windows are 15 minutes, blocks at most 15 minutes)
DO $$
BEGIN
  EXECUTE format($p$CREATE POLICY idempotent_actions_owner_housekeeping ON idempotent_actions FOR DELETE TO %I USING (created_at < now() - interval '1 day')$p$, current_user);
  EXECUTE format($p$CREATE POLICY sessions_owner_housekeeping ON sessions FOR DELETE TO %I USING (created_at < now() - interval '30 days')$p$, current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_housekeeping()
  RETURNS TABLE (idempotent_actions_deleted bigint, sessions_deleted bigint, sign_in_attempts_deleted bigint)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actions bigint := 0;
  ended_sessions bigint := 0;
  attempts bigint := 0;
BEGIN
  -- Several app servers call this; while one runs, the others have nothing to do.
  IF pg_try_advisory_xact_lock(hashtext('standby_housekeeping')) THEN
    DELETE FROM idempotent_actions WHERE created_at < now() - interval '1 day';
    GET DIAGNOSTICS actions = ROW_COUNT;
    DELETE FROM sessions WHERE created_at < now() - interval '30 days';
    GET DIAGNOSTICS ended_sessions = ROW_COUNT;
    DELETE FROM sign_in_attempts
     WHERE window_started_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now());
    GET DIAGNOSTICS attempts = ROW_COUNT;
  END IF;
  RETURN QUERY SELECT actions, ended_sessions, attempts;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_housekeeping() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_housekeeping() TO standby_app;
