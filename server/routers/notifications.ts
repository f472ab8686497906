import "server-only";
import {
  channelFieldsSchema,
  channelRef,
  deliveryLogSchema,
  updateChannelSchema,
  versionedChannelRef,
} from "@/server/contracts/notifications";
import {
  createChannel,
  listChannels,
  removeChannel,
  resumeChannel,
  retirePreviousWebhookSecret,
  rotateWebhookSecret,
  updateChannel,
} from "@/server/services/notifications/channels";
import { listDeliveries, sendTestMessage } from "@/server/services/notifications/log";
import { mspProcedure, router } from "@/server/trpc";

/** Where Standby tells people outside Standby what needs them: an MSP admin's settings and log. */
export const notificationsRouter = router({
  channels: mspProcedure("notifications.manage").query(({ ctx }) =>
    ctx.run((s) => listChannels(s)),
  ),
  createChannel: mspProcedure("notifications.manage")
    .input(channelFieldsSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createChannel(s, input))),
  updateChannel: mspProcedure("notifications.manage")
    .input(updateChannelSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateChannel(s, input))),
  removeChannel: mspProcedure("notifications.manage")
    .input(versionedChannelRef)
    .mutation(({ ctx, input }) => ctx.run((s) => removeChannel(s, input))),
  resumeChannel: mspProcedure("notifications.manage")
    .input(channelRef)
    .mutation(({ ctx, input }) => ctx.run((s) => resumeChannel(s, input.channelId))),
  rotateWebhookSecret: mspProcedure("notifications.manage")
    .input(versionedChannelRef)
    .mutation(({ ctx, input }) => ctx.run((s) => rotateWebhookSecret(s, input))),
  retirePreviousWebhookSecret: mspProcedure("notifications.manage")
    .input(versionedChannelRef)
    .mutation(({ ctx, input }) => ctx.run((s) => retirePreviousWebhookSecret(s, input))),
  sendTest: mspProcedure("notifications.manage")
    .input(channelRef)
    .mutation(({ ctx, input }) => ctx.run((s) => sendTestMessage(s, input.channelId))),
  deliveries: mspProcedure("notifications.manage")
    .input(deliveryLogSchema)
    .query(({ ctx, input }) => ctx.run((s) => listDeliveries(s, input))),
});
