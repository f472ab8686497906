CREATE TABLE "idempotent_actions" (
	"msp_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"action" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_actions_msp_id_user_id_key_pk" PRIMARY KEY("msp_id","user_id","key")
);
--> statement-breakpoint
ALTER TABLE "idempotent_actions" ADD CONSTRAINT "idempotent_actions_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;