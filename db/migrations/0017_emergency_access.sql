CREATE TABLE "emergency_access_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"reason" text NOT NULL,
	"incident_id" uuid,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_access_reason_given" CHECK (length(btrim("emergency_access_grants"."reason")) >= 20),
	CONSTRAINT "emergency_access_time_limited" CHECK ("emergency_access_grants"."expires_at" > "emergency_access_grants"."granted_at" and "emergency_access_grants"."expires_at" <= "emergency_access_grants"."granted_at" + interval '60 minutes')
);
--> statement-breakpoint
ALTER TABLE "emergency_access_grants" ADD CONSTRAINT "emergency_access_grants_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access_grants" ADD CONSTRAINT "emergency_access_grants_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access_grants" ADD CONSTRAINT "emergency_access_grants_msp_id_user_id_users_msp_id_id_fk" FOREIGN KEY ("msp_id","user_id") REFERENCES "public"."users"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emergency_access_grants_practice_idx" ON "emergency_access_grants" USING btree ("msp_id","practice_id","granted_at");--> statement-breakpoint
CREATE INDEX "emergency_access_grants_user_idx" ON "emergency_access_grants" USING btree ("msp_id","user_id","practice_id","expires_at");