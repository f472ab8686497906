import "server-only";
import {
  getCalendarFeed,
  issueCalendarFeed,
  revokeCalendarFeed,
} from "@/server/services/calendar-feed";
import { authedProcedure, router, runAs } from "@/server/trpc";

/**
 * The member's own private calendar address (ICS) of the due work in their scope. Every role has
 * one, like their own sign-in settings (no permission of the table: it changes nothing of the MSP's).
 */
export const calendarFeedRouter = router({
  get: authedProcedure.query(({ ctx }) => runAs(ctx.user, (s) => getCalendarFeed(s))),
  /** Returns the address this once; only its hash is kept. */
  create: authedProcedure.mutation(({ ctx }) =>
    runAs(ctx.user, (s) => issueCalendarFeed(s, "create", ctx.appUrl)),
  ),
  /** A new address; the old one answers 404 from now on. */
  regenerate: authedProcedure.mutation(({ ctx }) =>
    runAs(ctx.user, (s) => issueCalendarFeed(s, "regenerate", ctx.appUrl)),
  ),
  revoke: authedProcedure.mutation(({ ctx }) => runAs(ctx.user, (s) => revokeCalendarFeed(s))),
});
