ALTER TABLE "notification_preferences" ADD COLUMN "digest_time_zone" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "digest_hour" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_digest_hour" CHECK ("notification_preferences"."digest_hour" between 0 and 23);--> statement-breakpoint
-- Hand-written: the members' function also returns when each wants the digest.
DROP FUNCTION standby_notification_members();
--> statement-breakpoint
CREATE FUNCTION standby_notification_members()
  RETURNS TABLE (user_id uuid, email text, name text, role text, all_practices boolean, practice_ids uuid[],
                 outage_email boolean, outage_sms boolean, mobile text, daily_digest boolean,
                 digest_time_zone text, digest_hour integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, u.email, u.name, u.role::text, u.all_practices,
           array(SELECT a.practice_id FROM user_practice_access a WHERE a.msp_id = u.msp_id AND a.user_id = u.id),
           p.outage_email, p.outage_sms, p.mobile, p.daily_digest, p.digest_time_zone, p.digest_hour
      FROM notification_preferences p JOIN users u ON u.msp_id = p.msp_id AND u.id = p.user_id
     WHERE p.msp_id = standby_current_msp() AND u.removed_at IS NULL
       AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system')
       AND (p.outage_email OR p.outage_sms OR p.daily_digest)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_notification_members() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_notification_members() TO standby_app;
