import "server-only";
import { updateNotificationPreferencesSchema } from "@/server/contracts/notifications";
import {
  getNotificationPreferences,
  updateNotificationPreferences,
} from "@/server/services/notifications/preferences";
import { authedProcedure, router, runAs } from "@/server/trpc";

/**
 * The member's own notifications (outage events by email or text, the daily digest). Every role has
 * them, like their calendar feed: they take no ids and reach nobody else's.
 */
export const notificationPreferencesRouter = router({
  get: authedProcedure.query(({ ctx }) => runAs(ctx.user, (s) => getNotificationPreferences(s))),
  update: authedProcedure
    .input(updateNotificationPreferencesSchema)
    .mutation(({ ctx, input }) =>
      runAs(ctx.user, (s) => updateNotificationPreferences(s, input.version, input.preferences)),
    ),
});
