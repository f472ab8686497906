/** "1 h 35 min" for an hour or more; shorter totals need no second spelling. */
function hoursAndMinutes(minutes: number): string {
  if (minutes < 60) return "";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

import { stepTimes, type Drill } from "./types";

/** How long each step of the drill took, as numbers with a bar beside each, and the total. */
export function StepTimes({ drill, caption }: { drill: Drill; caption: string }) {
  const steps = stepTimes(drill);
  const recorded = steps.filter((step) => step.minutes !== null);
  if (recorded.length === 0)
    return <p className="text-sm text-slate-600">No step times recorded.</p>;
  const longest = Math.max(1, ...recorded.map((step) => step.minutes ?? 0));
  const total = recorded.reduce((sum, step) => sum + (step.minutes ?? 0), 0);
  return (
    <table className="w-full max-w-xl text-sm">
      <caption className="mb-1 text-left text-sm font-semibold text-slate-800">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Minutes</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={step.key}>
            <th scope="row" className="w-36 py-0.5 pr-3 text-left font-normal text-slate-700">
              {step.label}
            </th>
            <td className="w-16 py-0.5 pr-3 text-right tabular-nums">
              {step.minutes === null ? <span className="text-slate-500">—</span> : step.minutes}
            </td>
            <td className="py-0.5">
              {step.minutes !== null && (
                <div aria-hidden className="h-2.5 rounded-sm bg-slate-100">
                  <div
                    className="h-2.5 rounded-sm bg-brand-600"
                    style={{
                      width: `${Math.max(step.minutes > 0 ? 2 : 0, (step.minutes / longest) * 100)}%`,
                    }}
                  />
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t border-slate-200">
        <tr>
          <th scope="row" className="pt-1 pr-3 text-left font-semibold">
            Total
          </th>
          <td className="pt-1 pr-3 text-right font-semibold tabular-nums">{total}</td>
          <td className="pt-1 text-slate-600">
            {[
              hoursAndMinutes(total),
              recorded.length < steps.length
                ? `${recorded.length} of ${steps.length} steps timed`
                : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
