/** What staff are told about a maintenance window, and the invitation that goes with it. */
import "server-only";
import { parseMailbox } from "@/server/contracts/notifications";
import { dateTimeFormat } from "@/server/domain/intl-formats";
import { maintenanceIcs, minutesInWords } from "@/server/domain/maintenance";
import { env } from "@/server/env";
import type { ServiceContext } from "@/server/services/context";
import { publicAppUrl } from "@/server/services/notifications/config";
import { recordNotificationEvent } from "@/server/services/notifications/events";
import type { maintenanceWindows } from "@/db/schema";

type WindowRow = typeof maintenanceWindows.$inferSelect;
export type PracticeClock = { name: string; timezone: string };

/** "Tue, Dec 8, 10:00 PM CST": a moment in the practice's own time, with its zone. */
export function localWords(at: Date, timeZone: string): string {
  return dateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

export const windowPath = (window: Pick<WindowRow, "practiceId" | "id">) =>
  `/practices/${window.practiceId}/maintenance/${window.id}`;

export type MaintenanceNotice =
  | { kind: "scheduled" }
  | { kind: "reminder"; minutes: number }
  | { kind: "started" }
  | { kind: "ended" }
  | { kind: "postponed"; previousStartsAt: Date }
  | { kind: "cancelled" };

/** The invitation for the window as it now is (SEQUENCE = window.sequence). */
export function inviteOf(window: WindowRow, practice: PracticeClock, now: Date): string {
  const from = parseMailbox(env().MAIL_FROM) ?? { name: "Standby", address: "no-reply@localhost" };
  return maintenanceIcs({
    windowId: window.id,
    sequence: window.sequence,
    cancelled: window.status === "cancelled",
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    summary: `Planned maintenance: ${window.title} — ${practice.name}`,
    description: `${practice.name}: ${window.title}.${window.reason ? ` ${window.reason}` : ""}\n${publicAppUrl()}${windowPath(window)}`,
    url: `${publicAppUrl()}${windowPath(window)}`,
    stamp: now,
    organizer: { name: from.name || "Standby", email: from.address },
  });
}

/**
 * Records one notice through the notification channels (and the email's invitation), in the
 * caller's transaction. Its key makes it once: a reminder per time the window is set (sequence) and
 * per reminder, however many workers check. Only the title, the times and the status are said.
 */
export function notifyMaintenance(
  ctx: ServiceContext,
  window: WindowRow,
  practice: PracticeClock,
  notice: MaintenanceNotice,
  now: Date,
) {
  const start = localWords(window.startsAt, practice.timezone);
  const end = localWords(window.endsAt, practice.timezone);
  const base = { practiceId: window.practiceId, linkPath: windowPath(window) };
  const invite = () => inviteOf(window, practice, now);
  switch (notice.kind) {
    case "scheduled":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.scheduled",
        headline: `Planned maintenance: ${window.title}, ${start} to ${end}`,
        status: "Scheduled",
        dedupeKey: `maintenance.scheduled:${window.id}`,
        calendarIcs: invite(),
      });
    case "reminder":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.reminder",
        headline: `Planned maintenance in ${minutesInWords(notice.minutes)}: ${window.title}, ${start} to ${end}`,
        status: "Scheduled",
        dedupeKey: `maintenance.reminder:${window.id}:${window.sequence}:${notice.minutes}`,
        calendarIcs: invite(),
      });
    case "started":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.started",
        headline: `Planned maintenance started: ${window.title}, until ${end}`,
        status: "In progress",
        dedupeKey: `maintenance.started:${window.id}`,
        calendarIcs: invite(),
      });
    case "ended":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.ended",
        headline: `Planned maintenance ended: ${window.title}. Reconcile the paper work in its incident.`,
        status: "Completed",
        dedupeKey: `maintenance.ended:${window.id}`,
      });
    case "postponed":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.changed",
        headline: `Planned maintenance moved: ${window.title}, now ${start} to ${end} (was ${localWords(notice.previousStartsAt, practice.timezone)})`,
        status: "Scheduled",
        dedupeKey: `maintenance.changed:${window.id}:${window.sequence}`,
        calendarIcs: invite(),
      });
    case "cancelled":
      return recordNotificationEvent(ctx, {
        ...base,
        kind: "maintenance.changed",
        headline: `Planned maintenance cancelled: ${window.title} (was ${start} to ${end})`,
        status: "Cancelled",
        dedupeKey: `maintenance.changed:${window.id}:${window.sequence}`,
        calendarIcs: invite(),
      });
  }
}
