import "server-only";
import {
  getCalendarFeed,
  issueCalendarFeed,
  revokeCalendarFeed,
} from "@/server/services/calendar-feed";
import { mspProcedure, router } from "@/server/trpc";

const own = mspProcedure("calendarFeed.own");

/** The member's own private calendar address (ICS) of the due work in their scope. */
export const calendarFeedRouter = router({
  get: own.query(({ ctx }) => ctx.run((s) => getCalendarFeed(s))),
  /** Returns the address this once; only its hash is kept. */
  create: own.mutation(({ ctx }) => ctx.run((s) => issueCalendarFeed(s, "create", ctx.appUrl))),
  /** A new address; the old one answers 404 from now on. */
  regenerate: own.mutation(({ ctx }) =>
    ctx.run((s) => issueCalendarFeed(s, "regenerate", ctx.appUrl)),
  ),
  revoke: own.mutation(({ ctx }) => ctx.run((s) => revokeCalendarFeed(s))),
});
