ALTER TABLE "restore_tests" ALTER COLUMN "restore_minutes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "restore_tests" ALTER COLUMN "data_age_minutes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "from_drill_finding" text;--> statement-breakpoint
CREATE UNIQUE INDEX "risks_drill_finding_key" ON "risks" USING btree ("msp_id","from_drill_id",md5("from_drill_finding")) WHERE "risks"."from_drill_finding" is not null;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD CONSTRAINT "restore_tests_measured_unless_failed" CHECK ("restore_tests"."result" = 'fail' or ("restore_tests"."restore_minutes" is not null and "restore_tests"."data_age_minutes" is not null));