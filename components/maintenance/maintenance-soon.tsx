import { CalendarClock, PlayCircle } from "lucide-react";
import { formatMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";

export type SoonWindow = {
  id: string;
  practiceId: string;
  practiceName: string;
  timezone: string;
  title: string;
  status: "scheduled" | "in_progress" | "completed" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  prep: { done: number; total: number };
};

/** Maintenance windows in progress or coming soon: the portfolio's "maintenance tonight", a practice's overview. */
export function MaintenanceSoon({
  title,
  windows,
  showPractice,
}: {
  title: string;
  windows: SoonWindow[];
  showPractice: boolean;
}) {
  if (windows.length === 0) return null;
  return (
    <section
      aria-label={title}
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
    >
      <h2 className="font-semibold text-amber-900">{title}</h2>
      <ul className="mt-2 space-y-2">
        {windows.map((window) => {
          const live = window.status === "in_progress";
          const Icon = live ? PlayCircle : CalendarClock;
          return (
            <li key={window.id} className="flex flex-wrap items-center gap-2">
              <Icon aria-hidden className="size-4 text-amber-800" />
              <span className="font-medium">{live ? "In progress" : "Scheduled"}:</span>
              <Link
                href={`/practices/${window.practiceId}/maintenance/${window.id}`}
                className="text-brand-700 underline"
              >
                {showPractice ? `${window.practiceName} — ` : ""}
                {window.title}
              </Link>
              <span className="text-slate-700">
                {formatMoment(window.startsAt, window.timezone)} –{" "}
                {formatMoment(window.endsAt, window.timezone)} · prep {window.prep.done}/
                {window.prep.total}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
