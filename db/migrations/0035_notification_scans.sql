-- The worker's due-work and outage-timer scans (server/services/notifications/due-events.ts) run per
-- MSP, as the app role with that tenant set (role 'system'). To fan out they need the list of MSPs,
-- which row-level security hides from the app role (msps_tenant shows only the current tenant): this
-- function returns their ids and nothing else. With `only_open_incidents` it returns just the MSPs
-- that have an open incident (incidents_open_idx), so the every-minute outage timer costs one index
-- look-up when nothing is open. FORCE applies row-level security to the owner too, so the owner gets
-- a policy that shows it open incidents only (it reads no column but msp_id and status).
DO $$
BEGIN
  EXECUTE format($p$CREATE POLICY incidents_owner_open_scan ON incidents FOR SELECT TO %I USING (status NOT IN ('resolved', 'closed'))$p$, current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_msps_to_scan(only_open_incidents boolean)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT m.id FROM msps m
     WHERE NOT only_open_incidents
        OR EXISTS (SELECT 1 FROM incidents i
                    WHERE i.msp_id = m.id AND i.status NOT IN ('resolved', 'closed'))
     ORDER BY m.id
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_msps_to_scan(boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_msps_to_scan(boolean) TO standby_app;
