import { AlertTriangle, CloudDownload, FileSpreadsheet, History } from "lucide-react";
import { dayIfNotToday, formatClock, formatShortMoment } from "@/components/ui/format";
import type { ScheduleDayView } from "./types";

type Connection = NonNullable<ScheduleDayView["connection"]>;

const sourceWords = {
  fhir: { Icon: CloudDownload, words: "read from the EHR" },
  csv: { Icon: FileSpreadsheet, words: "from the uploaded schedule report" },
} as const;

/** "As of 14:05, 3 h ago": when the copy was last complete, flagged (icon and words) when older than a day. */
export function CopyAge({
  connection,
  now,
  timeZone,
}: {
  connection: Connection;
  now: Date;
  timeZone: string;
}) {
  const { Icon, words } = sourceWords[connection.source];
  const failedSince =
    connection.lastErrorAt &&
    (!connection.refreshedAt || connection.lastErrorAt > connection.refreshedAt);
  return (
    <div className="space-y-2">
      {connection.refreshedAt && connection.age ? (
        <p
          className={`flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border px-3 py-2 text-sm ${
            connection.age.stale
              ? "border-amber-400 bg-amber-50 text-amber-950"
              : "border-slate-200 bg-white text-slate-700"
          }`}
        >
          {connection.age.stale ? (
            <AlertTriangle aria-hidden className="size-4 shrink-0" />
          ) : (
            <History aria-hidden className="size-4 shrink-0" />
          )}
          <span>
            <span className="font-semibold text-slate-900">
              Schedule copy as of {formatClock(connection.refreshedAt, timeZone)}
              {dayIfNotToday(connection.refreshedAt, now, timeZone)
                ? ` (${dayIfNotToday(connection.refreshedAt, now, timeZone)})`
                : ""}
              , {connection.age.words}
            </span>
            {connection.age.stale && (
              <strong className="ml-1 font-semibold">
                — older than a day: appointments made since are missing.
              </strong>
            )}
          </span>
          <span className="inline-flex items-center gap-1 text-slate-600">
            <Icon aria-hidden className="size-4" /> {words}
          </span>
        </p>
      ) : (
        <p className="flex items-center gap-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <AlertTriangle aria-hidden className="size-4 shrink-0" />
          The schedule copy has not been filled yet.
        </p>
      )}
      {failedSince && connection.lastError && (
        <p className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            The last refresh failed ({formatShortMoment(connection.lastErrorAt!, timeZone)}):{" "}
            {connection.lastError} The copy shown is the last good one.
          </span>
        </p>
      )}
    </div>
  );
}
