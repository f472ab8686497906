import { formatDistanceStrict } from "date-fns";
import { formatClock, formatMoment } from "@/components/ui/format";
import { SCHEDULE_COPY_STALE_HOURS } from "@/server/domain/readiness-score";

/** How old the copy is, in words: "as of 14:05, 3 hours ago"; flagged once older than a day. */
export function copyAgeWords(refreshedAt: Date | string, now: Date, timeZone: string) {
  const at = new Date(refreshedAt);
  const hours = (now.getTime() - at.getTime()) / 3_600_000;
  const when = hours < 20 ? formatClock(at, timeZone) : formatMoment(at, timeZone);
  return {
    text: `as of ${when}, ${formatDistanceStrict(at, now, { addSuffix: true })}`,
    stale: hours > SCHEDULE_COPY_STALE_HOURS,
  };
}

export function CopyAge({
  refreshedAt,
  timeZone,
}: {
  refreshedAt: Date | string | null;
  timeZone: string;
}) {
  if (!refreshedAt) return <span className="font-medium text-amber-800">not refreshed yet</span>;
  const age = copyAgeWords(refreshedAt, new Date(), timeZone);
  return (
    // The server's and the browser's "now" differ by the time the page took to arrive.
    <span suppressHydrationWarning className={age.stale ? "font-medium text-red-800" : undefined}>
      {age.text}
      {age.stale && " — out of date: the front desk cannot rely on it"}
    </span>
  );
}
