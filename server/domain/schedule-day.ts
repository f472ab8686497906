/**
 * The continuity schedule: pure rules for one local day of the schedule copy (its bounds in the
 * practice's time zone, grouping per site and provider), the copy's age, and the reconciliation
 * line the front desk's marks become ("Enter 4 cancellations and 2 walk-ins into the EHR").
 */
import { TZDate } from "@date-fns/tz";
import { scheduleMarkKinds, type ScheduleMarkKind } from "@/server/contracts/schedule";

/** The calendar day ("2026-11-01") as its year, month (1–12) and day. */
function partsOf(date: string): [number, number, number] {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return [year, month, day];
}

/**
 * The moments a local day starts and ends (end excluded) in a time zone. A day across a change of
 * clocks is 23 or 25 hours long; a day whose midnight does not exist starts at the first moment it has.
 */
export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const [year, month, day] = partsOf(date);
  return {
    from: new Date(new TZDate(year, month - 1, day, timeZone).getTime()),
    to: new Date(new TZDate(year, month - 1, day + 1, timeZone).getTime()),
  };
}

/** The calendar day `days` after `date` (before, when negative). */
export function shiftDay(date: string, days: number): string {
  const [year, month, day] = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The moment a wall-clock time ("14:05") of a local day is in the zone (a time skipped by the clocks moves forward). */
export function momentOfDay(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = partsOf(date);
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timeZone).getTime());
}

/** What the copy calls an appointment without a site. */
export const NO_SITE = "No site given";

type Placed = { locationName: string; providerName: string; startsAt: Date };

/** A group's appointments say neither their site nor their provider: the group does, once. */
export type SiteGroup<T> = {
  site: string;
  providers: { provider: string; appointments: Omit<T, "locationName" | "providerName">[] }[];
};

// One collator: localeCompare with a locale builds a new one on every comparison.
const byName = new Intl.Collator("en", { sensitivity: "base" }).compare;

/** Appointments per site, then per provider (each by name), each list in time order. */
export function groupBySiteAndProvider<T extends Placed>(
  appointments: readonly T[],
): SiteGroup<T>[] {
  const sites = new Map<string, Map<string, T[]>>();
  for (const appointment of appointments) {
    const site = appointment.locationName.trim() || NO_SITE;
    const providers = sites.get(site) ?? new Map<string, T[]>();
    sites.set(site, providers);
    const provider = appointment.providerName.trim();
    const list = providers.get(provider) ?? [];
    providers.set(provider, list);
    list.push(appointment);
  }
  return [...sites.entries()]
    .sort(([a], [b]) => (a === NO_SITE ? 1 : b === NO_SITE ? -1 : byName(a, b)))
    .map(([site, providers]) => ({
      site,
      providers: [...providers.entries()]
        .sort(([a], [b]) => byName(a, b))
        .map(([provider, list]) => ({
          provider,
          appointments: list
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
            .map(({ locationName: _site, providerName: _provider, ...appointment }) => appointment),
        })),
    }));
}

/** A copy older than this is flagged (and lowers the readiness score elsewhere). */
export const STALE_COPY_HOURS = 24;

export type CopyAge = { minutes: number; stale: boolean; words: string };

/** How old the copy is at `now`: "just now", "12 min ago", "3 h ago", "2 days ago". */
export function copyAge(refreshedAt: Date, now: Date): CopyAge {
  const minutes = Math.max(0, Math.floor((now.getTime() - refreshedAt.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const words =
    minutes < 1
      ? "just now"
      : minutes < 60
        ? `${minutes} min ago`
        : hours < 48
          ? `${hours} h ago`
          : `${days} days ago`;
  return { minutes, stale: minutes > STALE_COPY_HOURS * 60, words };
}

const markNouns: Record<ScheduleMarkKind, [one: string, many: string]> = {
  arrived: ["arrival", "arrivals"],
  no_show: ["no-show", "no-shows"],
  cancelled: ["cancellation", "cancellations"],
  rescheduled: ["rescheduled appointment", "rescheduled appointments"],
  walk_in: ["walk-in", "walk-ins"],
};

export type MarkProgress = { kind: ScheduleMarkKind; entered: boolean };

export type MarkCounts = {
  total: number;
  entered: number;
  /** Not yet entered into the EHR, per kind. */
  open: Record<ScheduleMarkKind, number>;
};

export function countMarks(marks: readonly MarkProgress[]): MarkCounts {
  const open = Object.fromEntries(scheduleMarkKinds.map((kind) => [kind, 0])) as Record<
    ScheduleMarkKind,
    number
  >;
  for (const mark of marks) if (!mark.entered) open[mark.kind] += 1;
  return {
    total: marks.length,
    entered: marks.filter((mark) => mark.entered).length,
    open,
  };
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * The reconciliation line: "Enter 4 cancellations and 2 walk-ins into the EHR", or when every mark
 * is entered "All 6 front-desk changes are entered into the EHR"; null when there are none.
 */
export function markReconciliationLine(counts: MarkCounts): string | null {
  if (counts.total === 0) return null;
  const parts = scheduleMarkKinds
    .filter((kind) => counts.open[kind] > 0)
    .map((kind) => {
      const n = counts.open[kind];
      return `${n} ${markNouns[kind][n === 1 ? 0 : 1]}`;
    });
  if (parts.length === 0)
    return counts.total === 1
      ? "The front-desk change is entered into the EHR"
      : `All ${counts.total} front-desk changes are entered into the EHR`;
  return `Enter ${joinWords(parts)} into the EHR`;
}
