import { CalendarDays, ChevronLeft, ChevronRight } from "lucide-react";
import Link from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { shiftDay } from "@/server/domain/schedule-day";
import { formatShortDay, schedulePath } from "./types";

/**
 * Previous day, today, next day, any date, and the days the copy holds. Plain links and a GET form:
 * it works before the page's JavaScript has loaded, and on a phone. Never prefetched: every read of
 * a day is audited, so only a day someone opens is read.
 */
export function DayPicker({
  practiceId,
  date,
  today,
  incidentId,
  days,
}: {
  practiceId: string;
  date: string;
  today: string;
  incidentId: string | null;
  days: { date: string; appointments: number }[];
}) {
  const to = (day: string) => schedulePath(practiceId, day, incidentId);
  return (
    <nav aria-label="Choose a day" className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <Link prefetch={false} href={to(shiftDay(date, -1))} className={buttonClass("secondary")}>
          <ChevronLeft aria-hidden className="size-4" /> Previous day
        </Link>
        <Link
          prefetch={false}
          href={to(today)}
          className={buttonClass("secondary")}
          aria-current={date === today ? "date" : undefined}
        >
          Today
        </Link>
        <Link prefetch={false} href={to(shiftDay(date, 1))} className={buttonClass("secondary")}>
          Next day <ChevronRight aria-hidden className="size-4" />
        </Link>
        <form
          method="get"
          action={`/practices/${practiceId}/schedule`}
          className="flex items-end gap-2"
        >
          {incidentId && <input type="hidden" name="incident" value={incidentId} />}
          <div>
            <label htmlFor="schedule-date" className="block text-xs font-medium text-slate-700">
              Date
            </label>
            <input
              id="schedule-date"
              type="date"
              name="date"
              defaultValue={date}
              required
              className="block min-h-10 rounded-md border border-slate-300 bg-white px-2 text-sm"
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            <CalendarDays aria-hidden className="size-4" /> Show
          </button>
        </form>
      </div>
      {days.length > 0 && (
        <ul aria-label="Days in the copy" className="flex flex-wrap gap-1.5">
          {days.map((day) => {
            const current = day.date === date;
            return (
              <li key={day.date}>
                <Link
                  prefetch={false}
                  href={to(day.date)}
                  aria-current={current ? "date" : undefined}
                  className={`inline-flex min-h-9 items-center gap-1 rounded-full border px-3 text-sm ${
                    current
                      ? "border-brand-700 bg-brand-50 font-semibold text-brand-800 underline underline-offset-4"
                      : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"
                  }`}
                >
                  {formatShortDay(day.date)}
                  {day.date === today && <span className="text-xs">(today)</span>}
                  <span className="text-xs text-slate-600">· {day.appointments}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
