ALTER TABLE "msps" ADD COLUMN "support_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_hours" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "msps" ADD COLUMN "support_line_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The support line is an admin's setting like require_two_factor: the msps_admin_settings policy
-- already limits UPDATE to the MSP's admins; the app role may write only these columns.
GRANT UPDATE (support_phone, support_email, support_hours, support_line_version) ON msps TO standby_app;--> statement-breakpoint
ALTER TABLE "msps" ADD CONSTRAINT "msps_support_line_lengths" CHECK (
  char_length(support_phone) <= 40 AND char_length(support_email) <= 254 AND char_length(support_hours) <= 200
);
