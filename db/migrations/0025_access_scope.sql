ALTER TABLE "invitations" ADD COLUMN "all_practices" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "all_practices" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "patient_data_access_from" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pending_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pending_email_token_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pending_email_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_pending_email_token_key" ON "users" USING btree ("pending_email_token_hash");--> statement-breakpoint
-- Hand-written below (issue 15, items 2, 9 and 10).

-- 10: "all practices" is an explicit choice for leadership. Leadership who had no practices listed
-- saw every practice until now and keep doing so; from here on an empty list means none.
UPDATE users SET all_practices = true
 WHERE role = 'leadership'
   AND NOT EXISTS (SELECT 1 FROM user_practice_access a WHERE a.msp_id = users.msp_id AND a.user_id = users.id);
--> statement-breakpoint
UPDATE invitations SET all_practices = true WHERE role = 'leadership' AND cardinality(practice_ids) = 0;
--> statement-breakpoint
-- 2: routine access to the downtime documentation log also needs the person's patient-data access
-- to have begun (users.patient_data_access_from, set a day ahead when a role change or an invitation
-- gives it) and their role, read from the table in this query, to still be one that works the log.
-- Existing members keep their access: the column's default gave them the time of this migration.
CREATE FUNCTION standby_routine_patient_data_access() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
      SELECT 1 FROM users u
       WHERE u.msp_id = standby_current_msp()
         AND u.id = nullif(current_setting('app.user_id', true), '')::uuid
         AND u.removed_at IS NULL
         AND u.role::text = coalesce(current_setting('app.role', true), '')
         AND u.role IN ('technician', 'practice_manager')
         AND u.patient_data_access_from <= now())
  $$;
--> statement-breakpoint
ALTER POLICY downtime_log_entries_work ON downtime_log_entries
  USING (((msp_id = (SELECT standby_current_msp())) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])) AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text])) AND (SELECT standby_routine_patient_data_access())))
  WITH CHECK (((msp_id = (SELECT standby_current_msp())) AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])) AND (COALESCE(current_setting('app.role'::text, true), ''::text) = ANY (ARRAY['technician'::text, 'practice_manager'::text])) AND (SELECT standby_routine_patient_data_access())));
--> statement-breakpoint
-- 9: someone limited to some practices sees only the catalog vendors those practices use: linked to
-- them, behind one of their mapped systems, or called in one of their incidents. Computed once per
-- query (an init plan), and not at all for those who see every practice.
CREATE FUNCTION standby_scope_vendor_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT vendor_id), '{}'::uuid[]) FROM (
      SELECT vendor_id FROM practice_vendors
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids())
      UNION ALL
      SELECT vendor_id FROM systems
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids()) AND vendor_id IS NOT NULL
      UNION ALL
      SELECT vendor_id FROM vendor_tickets
       WHERE msp_id = standby_current_msp() AND practice_id = ANY (standby_scope_practice_ids())
    ) used
  $$;
--> statement-breakpoint
ALTER POLICY vendors_tenant ON vendors
  USING (((msp_id = (SELECT standby_current_msp())) AND ((SELECT standby_sees_every_practice()) OR id = ANY ((SELECT standby_scope_vendor_ids())::uuid[]))));
