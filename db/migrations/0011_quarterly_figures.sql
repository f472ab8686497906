ALTER TABLE "restore_tests" ADD COLUMN "on_time" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "restore_tests" ADD COLUMN "passed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "risks" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "restore_tests_msp_tested_idx" ON "restore_tests" USING btree ("msp_id","tested_at");--> statement-breakpoint
CREATE INDEX "drills_msp_held_idx" ON "drills" USING btree ("msp_id","held_at");--> statement-breakpoint
CREATE INDEX "reviews_msp_signed_off_idx" ON "reviews" USING btree ("msp_id","signed_off_at");--> statement-breakpoint
CREATE INDEX "risks_msp_severity_created_idx" ON "risks" USING btree ("msp_id","severity","created_at");