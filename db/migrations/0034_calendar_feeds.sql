CREATE TABLE "calendar_feed_events" (
	"msp_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"uid" text NOT NULL,
	"content_hash" text NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_events_msp_id_feed_id_uid_pk" PRIMARY KEY("msp_id","feed_id","uid")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"msp_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_fetched_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_msp_id_key" UNIQUE("msp_id","id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feed_events" ADD CONSTRAINT "calendar_feed_events_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed_events" ADD CONSTRAINT "calendar_feed_events_msp_id_feed_id_calendar_feeds_msp_id_id_fk" FOREIGN KEY ("msp_id","feed_id") REFERENCES "public"."calendar_feeds"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_msp_id_msps_id_fk" FOREIGN KEY ("msp_id") REFERENCES "public"."msps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_msp_id_user_id_users_msp_id_id_fk" FOREIGN KEY ("msp_id","user_id") REFERENCES "public"."users"("msp_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_msp_user_key" ON "calendar_feeds" USING btree ("msp_id","user_id");--> statement-breakpoint
-- Hand-written below (issue 18, item 15: the calendar feed).

-- A member's feed and its event bookkeeping are theirs alone: the MSP, and the member the
-- transaction runs for (app.user_id). Nobody else, not even an admin, reads or changes them.
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calendar_feeds_own ON calendar_feeds
  USING (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE calendar_feed_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE calendar_feed_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calendar_feed_events_own ON calendar_feed_events
  USING (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid))
  WITH CHECK (msp_id = (SELECT standby_current_msp()) AND user_id = (SELECT nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds, calendar_feed_events TO standby_app;
--> statement-breakpoint
-- Fetching a feed happens before the tenant is known, like opening an invitation: the token's hash
-- finds the feed's MSP and member through this function, which runs as the owner and returns only
-- that, and only for a member who has not been removed. Everything after runs as the app role in
-- the member's tenant and scope.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY calendar_feeds_owner_lookup ON calendar_feeds FOR SELECT TO %I USING (true)', current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION standby_calendar_feed_lookup(p_token_hash text)
  RETURNS TABLE (feed_id uuid, msp_id uuid, user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT f.id, f.msp_id, f.user_id
      FROM calendar_feeds f JOIN users u ON u.msp_id = f.msp_id AND u.id = f.user_id
     WHERE f.token_hash = p_token_hash AND u.removed_at IS NULL
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION standby_calendar_feed_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION standby_calendar_feed_lookup(text) TO standby_app;
