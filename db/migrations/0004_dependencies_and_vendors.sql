CREATE TYPE "public"."criticality" AS ENUM('critical', 'important', 'minor');--> statement-breakpoint
CREATE TABLE "practice_vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"account_number" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"ladder" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_verified_at" timestamp with time zone,
	"last_verified_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"support_phone" text DEFAULT '' NOT NULL,
	"portal_url" text DEFAULT '' NOT NULL,
	"support_hours" text DEFAULT '' NOT NULL,
	"baa_on_file" boolean DEFAULT false NOT NULL,
	"contract_notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
CREATE TABLE "system_dependencies" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_dependencies_msp_id_system_id_depends_on_id_pk" PRIMARY KEY("msp_id","system_id","depends_on_id"),
	CONSTRAINT "system_dependencies_not_self" CHECK ("system_dependencies"."system_id" <> "system_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "system_redundancies" (
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"system_a_id" uuid NOT NULL,
	"system_b_id" uuid NOT NULL,
	CONSTRAINT "system_redundancies_msp_id_system_a_id_system_b_id_pk" PRIMARY KEY("msp_id","system_a_id","system_b_id"),
	CONSTRAINT "system_redundancies_ordered" CHECK ("system_redundancies"."system_a_id" < "system_redundancies"."system_b_id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"criticality" "criticality" NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"vendor_id" uuid,
	"site_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "systems_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD CONSTRAINT "practice_vendors_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD CONSTRAINT "practice_vendors_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD CONSTRAINT "practice_vendors_msp_id_vendor_id_vendors_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_id") REFERENCES "public"."vendors"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_dependencies" ADD CONSTRAINT "system_dependencies_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_dependencies" ADD CONSTRAINT "system_dependencies_msp_id_system_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_dependencies" ADD CONSTRAINT "system_dependencies_msp_id_depends_on_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","depends_on_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_redundancies" ADD CONSTRAINT "system_redundancies_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_redundancies" ADD CONSTRAINT "system_redundancies_msp_id_system_a_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_a_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_redundancies" ADD CONSTRAINT "system_redundancies_msp_id_system_b_id_systems_msp_id_id_fk" FOREIGN KEY ("msp_id","system_b_id") REFERENCES "public"."systems"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_msp_id_practice_id_practices_msp_id_id_fk" FOREIGN KEY ("msp_id","practice_id") REFERENCES "public"."practices"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_msp_id_vendor_id_vendors_msp_id_id_fk" FOREIGN KEY ("msp_id","vendor_id") REFERENCES "public"."vendors"("msp_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_site_id_practice_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."practice_sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "practice_vendors_practice_vendor_key" ON "practice_vendors" USING btree ("msp_id","practice_id","vendor_id");--> statement-breakpoint
CREATE INDEX "practice_vendors_vendor_idx" ON "practice_vendors" USING btree ("msp_id","vendor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_msp_name_key" ON "vendors" USING btree ("msp_id",lower("name"));--> statement-breakpoint
CREATE INDEX "system_dependencies_practice_idx" ON "system_dependencies" USING btree ("msp_id","practice_id");--> statement-breakpoint
CREATE INDEX "system_redundancies_practice_idx" ON "system_redundancies" USING btree ("msp_id","practice_id");--> statement-breakpoint
CREATE INDEX "systems_practice_idx" ON "systems" USING btree ("msp_id","practice_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "systems_practice_name_key" ON "systems" USING btree ("msp_id","practice_id",lower("name"));