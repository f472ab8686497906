CREATE TYPE "public"."restore_kind" AS ENUM('file', 'database', 'whole_vm', 'cloud_tenant');--> statement-breakpoint
CREATE TYPE "public"."restore_result" AS ENUM('pass', 'partial', 'fail');--> statement-breakpoint
CREATE TYPE "public"."drill_kind" AS ENUM('tabletop', 'live');--> statement-breakpoint
CREATE TYPE "public"."risk_category" AS ENUM('open_admin_access', 'missing_mfa', 'unknown_vendor_remote_access', 'untested_backups', 'account_compromise', 'unsupported_devices', 'other');--> statement-breakpoint
CREATE TYPE "public"."risk_severity" AS ENUM('urgent', 'high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."risk_status" AS ENUM('open', 'fix_now', 'scheduled', 'accepted', 'resolved');--> statement-breakpoint
CREATE TABLE "backup_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"cadence_days" integer NOT NULL,
	"rto_minutes" integer NOT NULL,
	"rpo_minutes" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_targets_positive" CHECK ("backup_targets"."cadence_days" > 0 and "backup_targets"."rto_minutes" > 0 and "backup_targets"."rpo_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "restore_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"system_id" uuid,
	"system_name" text NOT NULL,
	"kind" "restore_kind" NOT NULL,
	"tested_at" timestamp with time zone NOT NULL,
	"tested_by_name" text NOT NULL,
	"result" "restore_result" NOT NULL,
	"restore_minutes" integer NOT NULL,
	"data_age_minutes" integer NOT NULL,
	"rto_minutes" integer NOT NULL,
	"rpo_minutes" integer NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"recorded_by_user_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restore_tests_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "restore_tests_minutes" CHECK ("restore_tests"."restore_minutes" >= 0 and "restore_tests"."data_age_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"kind" "drill_kind" NOT NULL,
	"scenario" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"held_at" timestamp with time zone,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detect_minutes" integer,
	"declare_minutes" integer,
	"reach_vendor_minutes" integer,
	"paper_minutes" integer,
	"recover_minutes" integer,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drills_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"safer" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signed_off_at" timestamp with time zone,
	"signed_off_by_user_id" uuid,
	"signed_off_by_name" text,
	"snapshot" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" "risk_status",
	"to_status" "risk_status" NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_systems" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	CONSTRAINT "risk_systems_msp_id_risk_id_system_id_pk" PRIMARY KEY("msp_id","risk_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"severity" "risk_severity" NOT NULL,
	"category" "risk_category" NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"status" "risk_status" DEFAULT 'open' NOT NULL,
	"scheduled_for" date,
	"accepted_reason" text,
	"accepted_until" date,
	"resolved_note" text,
	"from_restore_test_id" uuid,
	"from_drill_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_msp_id_key" UNIQUE("msp_id","id"),
	CONSTRAINT "risks_scheduled_has_date" CHECK ("risks"."status" <> 'scheduled' or "risks"."scheduled_for" is not null),
	CONSTRAINT "risks_accepted_has_reason" CHECK ("risks"."status" <> 'accepted' or ("risks"."accepted_reason" is not null and "risks"."accepted_until" is not null)),
	CONSTRAINT "risks_resolved_has_note" CHECK ("risks"."status" <> 'resolved' or "risks"."resolved_note" is not null)
);
--> statement-breakpoint
ALTER TABLE "backup_targets" ADD CONSTRAINT "backup_targets_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_targets" ADD CONSTRAINT "backup_targets_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_targets" ADD CONSTRAINT "backup_targets_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_msp_id_risk_id_risks_msp_id_id_fk" FOREIGN KEY ("msp_id","risk_id") REFERENCES "public"."risks"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_systems" ADD CONSTRAINT "risk_systems_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_systems" ADD CONSTRAINT "risk_systems_msp_id_risk_id_risks_msp_id_id_fk" FOREIGN KEY ("msp_id","risk_id") REFERENCES "public"."risks"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_systems" ADD CONSTRAINT "risk_systems_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_from_restore_test_id_restore_tests_msp_id_id_fk" FOREIGN KEY ("msp_id","from_restore_test_id") REFERENCES "public"."restore_tests"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_from_drill_id_drills_msp_id_id_fk" FOREIGN KEY ("msp_id","from_drill_id") REFERENCES "public"."drills"("msp_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backup_targets_system_key" ON "backup_targets" USING btree ("msp_id","system_id");--> statement-breakpoint
CREATE INDEX "backup_targets_practice_idx" ON "backup_targets" USING btree ("msp_id","practice_id");--> statement-breakpoint
CREATE INDEX "restore_tests_system_idx" ON "restore_tests" USING btree ("msp_id","system_id","tested_at");--> statement-breakpoint
CREATE INDEX "restore_tests_practice_idx" ON "restore_tests" USING btree ("msp_id","practice_id","tested_at");--> statement-breakpoint
CREATE INDEX "drills_practice_idx" ON "drills" USING btree ("msp_id","practice_id","scheduled_for");--> statement-breakpoint
CREATE INDEX "reviews_practice_idx" ON "reviews" USING btree ("msp_id","practice_id","signed_off_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_open_per_practice" ON "reviews" USING btree ("msp_id","practice_id") WHERE signed_off_at is null;--> statement-breakpoint
CREATE INDEX "risk_events_risk_idx" ON "risk_events" USING btree ("msp_id","risk_id","at");--> statement-breakpoint
CREATE INDEX "risk_events_practice_idx" ON "risk_events" USING btree ("msp_id","practice_id","at");--> statement-breakpoint
CREATE INDEX "risk_systems_system_idx" ON "risk_systems" USING btree ("msp_id","system_id");--> statement-breakpoint
CREATE INDEX "risks_practice_idx" ON "risks" USING btree ("msp_id","practice_id","status","severity");