ALTER TABLE "risks" DROP CONSTRAINT "risks_msp_id_from_drill_id_drills_msp_id_id_fk";
--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_msp_id_from_drill_id_drills_msp_id_id_fk" FOREIGN KEY ("msp_id","from_drill_id") REFERENCES "public"."drills"("msp_id","id") ON DELETE no action ON UPDATE no action;