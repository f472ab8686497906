-- The command menu (search.find) looks for "name contains" with ILIKE '%q%': trigram GIN indexes from
-- pg_trgm, a trusted contrib extension (PostgreSQL 13+: the database owner may create it; the
-- embedded-postgres packages ship it). Phones are searched by their digits (generated columns).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "practice_sites" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_names" text GENERATED ALWAYS AS (jsonb_path_query_array(ladder, '$[*].name')::text) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_phone_digits" text GENERATED ALWAYS AS (regexp_replace(jsonb_path_query_array(ladder, '$[*].phone')::text, '[^0-9,]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "support_phone_digits" text GENERATED ALWAYS AS (regexp_replace(support_phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "practice_sites_phone_digits_trgm_idx" ON "practice_sites" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "practices_name_trgm_idx" ON "practices" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "practice_vendors_contact_names_trgm_idx" ON "practice_vendors" USING gin ("contact_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "practice_vendors_contact_phone_digits_trgm_idx" ON "practice_vendors" USING gin ("contact_phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vendors_name_trgm_idx" ON "vendors" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vendors_support_phone_digits_trgm_idx" ON "vendors" USING gin ("support_phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "systems_name_trgm_idx" ON "systems" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "incidents_title_trgm_idx" ON "incidents" USING gin ("title" gin_trgm_ops);