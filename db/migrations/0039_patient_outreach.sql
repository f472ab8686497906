CREATE TABLE "outreach_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"incident_id" uuid,
	"kind" text NOT NULL,
	"selection" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"urgent_reason" text,
	"recipients" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "outreach_campaigns_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "outreach_campaigns_status" CHECK ("outreach_campaigns"."status" in ('sending', 'stopped', 'done'))
);
--> statement-breakpoint
CREATE TABLE "outreach_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"channel" text NOT NULL,
	"to_sealed" text NOT NULL,
	"to_hash" text NOT NULL,
	"body_sealed" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"send_after" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_message_id" text,
	"error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_messages_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "outreach_messages_status" CHECK ("outreach_messages"."status" in ('queued', 'held', 'sending', 'sent', 'delivered', 'undeliverable', 'failed', 'outbox', 'stopped')),
	CONSTRAINT "outreach_messages_channel" CHECK ("outreach_messages"."channel" in ('sms', 'email'))
);
--> statement-breakpoint
CREATE TABLE "outreach_opt_outs" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"address_hash" text NOT NULL,
	"opted_out_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_opt_outs_msp_id_practice_id_address_hash_pk" PRIMARY KEY("msp_id","practice_id","address_hash")
);
--> statement-breakpoint
CREATE TABLE "outreach_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"message_id" uuid,
	"appointment_id" uuid,
	"from_hash" text NOT NULL,
	"from_sealed" text NOT NULL,
	"body_sealed" text NOT NULL,
	"action" text NOT NULL,
	"provider_message_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by_name" text,
	"answer_sealed" text,
	CONSTRAINT "outreach_replies_action" CHECK ("outreach_replies"."action" in ('stop', 'start', 'help', 'cancel', 'confirm', 'inbox'))
);
--> statement-breakpoint
CREATE TABLE "outreach_settings" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"auto_continue" boolean DEFAULT false NOT NULL,
	"reminder_hours" integer[] DEFAULT '{24,2}'::integer[] NOT NULL,
	"quiet_start" text DEFAULT '21:00' NOT NULL,
	"quiet_end" text DEFAULT '08:00' NOT NULL,
	"messages_per_minute" integer DEFAULT 60 NOT NULL,
	"stopped_at" timestamp with time zone,
	"stopped_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_settings_msp_id_practice_id_pk" PRIMARY KEY("msp_id","practice_id"),
	CONSTRAINT "outreach_settings_pace" CHECK ("outreach_settings"."messages_per_minute" between 0 and 6000)
);
--> statement-breakpoint
CREATE TABLE "outreach_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"visit_type" text DEFAULT '' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"updated_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_templates_key" UNIQUE NULLS NOT DISTINCT("msp_id","practice_id","kind","language","visit_type"),
	CONSTRAINT "outreach_templates_body" CHECK (length("outreach_templates"."body") between 1 and 1600)
);
--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_msp_id_incident_id_incidents_msp_id_id_fk" FOREIGN KEY ("msp_id","incident_id") REFERENCES "public"."incidents"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_msp_id_campaign_id_outreach_campaigns_msp_id_id_fk" FOREIGN KEY ("msp_id","campaign_id") REFERENCES "public"."outreach_campaigns"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_msp_id_appointment_id_schedule_appointments_msp_id_id_fk" FOREIGN KEY ("msp_id","appointment_id") REFERENCES "public"."schedule_appointments"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_msp_id_patient_id_schedule_patients_msp_id_id_fk" FOREIGN KEY ("msp_id","patient_id") REFERENCES "public"."schedule_patients"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_opt_outs" ADD CONSTRAINT "outreach_opt_outs_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_opt_outs" ADD CONSTRAINT "outreach_opt_outs_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_replies" ADD CONSTRAINT "outreach_replies_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_replies" ADD CONSTRAINT "outreach_replies_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_replies" ADD CONSTRAINT "outreach_replies_msp_id_message_id_outreach_messages_msp_id_id_fk" FOREIGN KEY ("msp_id","message_id") REFERENCES "public"."outreach_messages"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_replies" ADD CONSTRAINT "outreach_replies_msp_id_appointment_id_schedule_appointments_msp_id_id_fk" FOREIGN KEY ("msp_id","appointment_id") REFERENCES "public"."schedule_appointments"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_settings" ADD CONSTRAINT "outreach_settings_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_settings" ADD CONSTRAINT "outreach_settings_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_templates" ADD CONSTRAINT "outreach_templates_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_templates" ADD CONSTRAINT "outreach_templates_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_campaigns_practice_idx" ON "outreach_campaigns" USING btree ("msp_id","practice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_messages_once_key" ON "outreach_messages" USING btree ("msp_id","practice_id","appointment_id","kind");--> statement-breakpoint
CREATE INDEX "outreach_messages_campaign_idx" ON "outreach_messages" USING btree ("msp_id","campaign_id");--> statement-breakpoint
CREATE INDEX "outreach_messages_address_idx" ON "outreach_messages" USING btree ("msp_id","to_hash","sent_at");--> statement-breakpoint
CREATE INDEX "outreach_messages_due_idx" ON "outreach_messages" USING btree ("status","send_after");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_messages_provider_key" ON "outreach_messages" USING btree ("provider_message_id") WHERE "outreach_messages"."provider_message_id" is not null;--> statement-breakpoint
CREATE INDEX "outreach_replies_inbox_idx" ON "outreach_replies" USING btree ("msp_id","practice_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_replies_provider_key" ON "outreach_replies" USING btree ("provider_message_id") WHERE "outreach_replies"."provider_message_id" is not null;--> statement-breakpoint
-- Row-level security of patient outreach. Templates, settings and campaigns hold no patient data:
-- everyone in scope reads them (leadership sees campaigns' counts, nothing else), staff in scope
-- change them. Messages, opt-outs and replies are patient data, worked as the schedule copy is:
-- technicians and the practice's managers once their routine access has begun, an admin only
-- through live emergency access (read); the worker (role 'system') sends, records statuses and
-- takes replies in.
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_templates, outreach_settings, outreach_campaigns, outreach_messages, outreach_opt_outs, outreach_replies TO standby_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outreach_templates', 'outreach_settings', 'outreach_campaigns', 'outreach_messages', 'outreach_opt_outs', 'outreach_replies'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %1$s_owner ON %1$I TO %2$I USING (true) WITH CHECK (true)$p$, t, current_user);
  END LOOP;
  -- MSP-wide templates (practice_id null) are the MSP's; a practice's own follow its scope.
  EXECUTE $p$CREATE POLICY outreach_templates_read ON outreach_templates FOR SELECT
    USING (msp_id = (SELECT standby_current_msp())
           AND (practice_id IS NULL OR (SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))$p$;
  EXECUTE $p$CREATE POLICY outreach_templates_write ON outreach_templates FOR ALL
    USING (msp_id = (SELECT standby_current_msp())
           AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager')
           AND ((practice_id IS NULL AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician'))
                OR (practice_id IS NOT NULL AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))))
    WITH CHECK (msp_id = (SELECT standby_current_msp())
           AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager')
           AND ((practice_id IS NULL AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician'))
                OR (practice_id IS NOT NULL AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))))$p$;
  FOREACH t IN ARRAY ARRAY['outreach_settings', 'outreach_campaigns'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_read ON %1$I FOR SELECT
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[])))$p$, t);
    EXECUTE format($p$CREATE POLICY %1$s_write ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'))
      WITH CHECK (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('admin', 'technician', 'practice_manager', 'system'))$p$, t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['outreach_messages', 'outreach_opt_outs', 'outreach_replies'] LOOP
    EXECUTE format($p$CREATE POLICY %1$s_work ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager')
             AND (SELECT standby_routine_patient_data_access()))
      WITH CHECK (msp_id = (SELECT standby_current_msp())
             AND ((SELECT standby_sees_every_practice()) OR practice_id = ANY ((SELECT standby_scope_practice_ids())::uuid[]))
             AND coalesce(current_setting('app.role', true), '') IN ('technician', 'practice_manager')
             AND (SELECT standby_routine_patient_data_access()))$p$, t);
    EXECUTE format($p$CREATE POLICY %1$s_emergency_read ON %1$I FOR SELECT
      USING (msp_id = (SELECT standby_current_msp()) AND standby_emergency_access_live(practice_id))$p$, t);
    EXECUTE format($p$CREATE POLICY %1$s_system ON %1$I FOR ALL
      USING (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')
      WITH CHECK (msp_id = (SELECT standby_current_msp()) AND coalesce(current_setting('app.role', true), '') = 'system')$p$, t);
  END LOOP;
END $$;
--> statement-breakpoint
-- A provider's callback (a message's status, an inbound text) names the SMS channel it was sent
-- for in its address and carries no session: this returns that channel's MSP (ids only), so the
-- callback is then verified with the channel's secret and handled as that MSP's worker would be.
CREATE FUNCTION standby_sms_channel_msp(p_channel_id uuid)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT c.msp_id FROM notification_channels c
     WHERE c.id = p_channel_id AND c.kind = 'sms' AND c.removed_at IS NULL
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_sms_channel_msp(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_sms_channel_msp(uuid) TO standby_app;
--> statement-breakpoint
-- The worker's scan for outreach messages whose time has come, across MSPs (ids only).
CREATE FUNCTION standby_outreach_due(p_now timestamptz, p_limit integer)
  RETURNS TABLE (msp_id uuid, practice_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT m.msp_id, m.practice_id FROM outreach_messages m
     WHERE m.status IN ('queued', 'held') AND m.send_after <= p_now
        OR (m.status = 'sending' AND m.claimed_until < p_now)
     LIMIT p_limit
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_outreach_due(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_outreach_due(timestamptz, integer) TO standby_app;
