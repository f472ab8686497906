CREATE TABLE "practice_readiness" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"archived" boolean NOT NULL,
	"score" integer NOT NULL,
	"parts" jsonb NOT NULL,
	"plan_completeness" integer NOT NULL,
	"backups_overdue" integer NOT NULL,
	"backups_failing" integer NOT NULL,
	"review_overdue" boolean NOT NULL,
	"urgent_risks_open" integer NOT NULL,
	"active_incident" boolean NOT NULL,
	"vendors_unverified" integer NOT NULL,
	"stale_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_readiness_msp_id_practice_id_pk" PRIMARY KEY("msp_id","practice_id")
);
--> statement-breakpoint
ALTER TABLE "practice_readiness" ADD CONSTRAINT "practice_readiness_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_readiness" ADD CONSTRAINT "practice_readiness_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_readiness_score_idx" ON "practice_readiness" USING btree ("msp_id","archived","score","name","practice_id");--> statement-breakpoint
CREATE INDEX "practice_readiness_stale_idx" ON "practice_readiness" USING btree ("msp_id","stale_at");