-- The command menu (search.find) matches phones on their digits: generated digits-only columns.
-- No pg_trgm GIN indexes: the app role reads under FORCEd row-level security, where ILIKE (texticlike,
-- not LEAKPROOF) cannot be used as an index condition, so such indexes were measured unused (issue 24 item 4).
ALTER TABLE "practice_sites" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(phone, '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_names" text GENERATED ALWAYS AS (jsonb_path_query_array(ladder, '$[*].name')::text) STORED;--> statement-breakpoint
ALTER TABLE "practice_vendors" ADD COLUMN "contact_phone_digits" text GENERATED ALWAYS AS (regexp_replace(jsonb_path_query_array(ladder, '$[*].phone')::text, '[^0-9,]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "support_phone_digits" text GENERATED ALWAYS AS (regexp_replace(support_phone, '[^0-9]', '', 'g')) STORED;