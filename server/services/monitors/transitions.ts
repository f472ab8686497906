import "server-only";
import type { MonitorStatus } from "@/db/schema/values";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import { reconcilePractice } from "./suspected";

/** A monitor's status changed, as recorded in the transaction that stored the check's result. */
export type MonitorTransitionEvent = {
  monitorId: string;
  practiceId: string;
  systemId: string;
  name: string;
  from: MonitorStatus;
  to: MonitorStatus;
  at: Date;
  error: string | null;
};

/**
 * The one place a monitor's change of status leads anywhere: called in the same transaction as the
 * check's result (role "system", the monitor's tenant), for every transition, whether by a check, a
 * pause or a resume. It keeps the history (an audit event per change), then reasons about the
 * practice as a whole (reconcilePractice): suspected outages for causes, "unreachable" for their
 * consequences, blips cleared, through the notification channels.
 */
export async function onMonitorTransition(
  ctx: ServiceContext,
  event: MonitorTransitionEvent,
): Promise<void> {
  await recordAudit(ctx, {
    action: "monitor.status_changed",
    entityType: "monitor",
    entityId: event.monitorId,
    practiceId: event.practiceId,
    summary: {
      name: event.name,
      from: event.from,
      to: event.to,
      at: event.at.toISOString(),
      ...(event.error ? { error: event.error } : {}),
    },
  });
  await reconcilePractice(ctx, event.practiceId, event.at, event.monitorId);
}
