CREATE TABLE "msp_quarter_figures" (
	"msp_id" uuid PRIMARY KEY NOT NULL,
	"figures" jsonb NOT NULL,
	"practices_refreshed_at" timestamp with time zone NOT NULL,
	"stale_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_quarter_figures" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"incidents" integer NOT NULL,
	"downtime_minutes" integer NOT NULL,
	"cost_cents" bigint NOT NULL,
	"minutes_to_vendor" integer[] NOT NULL,
	"minutes_to_restore" integer[] NOT NULL,
	"causes" jsonb NOT NULL,
	"backup_tests" integer NOT NULL,
	"backup_tests_on_time" integer NOT NULL,
	"backup_tests_passed" integer NOT NULL,
	"reviews" integer NOT NULL,
	"reviews_on_time" integer NOT NULL,
	"urgent_risks_open" integer NOT NULL,
	"urgent_risk_ages_days" integer[] NOT NULL,
	"plan_completeness" integer,
	"plan_current" boolean,
	"vendor_links" integer NOT NULL,
	"vendors_verified" integer NOT NULL,
	"drills_held" integer NOT NULL,
	CONSTRAINT "practice_quarter_figures_msp_id_practice_id_quarter_pk" PRIMARY KEY("msp_id","practice_id","quarter")
);
--> statement-breakpoint
ALTER TABLE "practice_readiness" ADD COLUMN "figures_stale_at" timestamp with time zone DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "practice_readiness" ADD COLUMN "figures_refreshed_at" timestamp with time zone DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "msp_quarter_figures" ADD CONSTRAINT "msp_quarter_figures_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_quarter_figures" ADD CONSTRAINT "practice_quarter_figures_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_quarter_figures" ADD CONSTRAINT "practice_quarter_figures_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_quarter_figures_quarter_idx" ON "practice_quarter_figures" USING btree ("msp_id","quarter");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("msp_id","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "practice_readiness_figures_stale_idx" ON "practice_readiness" USING btree ("msp_id","figures_stale_at");--> statement-breakpoint
CREATE INDEX "practice_readiness_figures_refreshed_idx" ON "practice_readiness" USING btree ("msp_id","figures_refreshed_at");