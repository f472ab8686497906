ALTER TABLE "plan_sections" ADD COLUMN "template_basis" text;--> statement-breakpoint
ALTER TABLE "plan_sections" DROP COLUMN "template_version";