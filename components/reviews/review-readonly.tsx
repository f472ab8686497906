import { CheckSquare, Square, Users } from "lucide-react";
import { reviewChecklist, saferPractices } from "@/server/contracts/reviews";
import { RatingBadge } from "./badges";
import { fieldsOf, saferShortNames, type Review } from "./types";

/** A review as it stands, for reading: a signed-off one, or an open one for someone who cannot edit it. */
export function ReviewReadOnly({ review }: { review: Review }) {
  const fields = fieldsOf(review);
  return (
    <div className="space-y-5">
      <section
        aria-labelledby="checklist"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="checklist" className="mb-3 text-base font-semibold text-slate-900">
          Checklist
        </h2>
        <ul className="divide-y divide-slate-100">
          {reviewChecklist.map(([key, label]) => {
            const item = fields.checklist[key]!;
            return (
              <li key={key} className="flex gap-2 py-2 first:pt-0 last:pb-0 text-sm">
                {item.done ? (
                  <CheckSquare aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
                ) : (
                  <Square aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
                )}
                <div>
                  <p>
                    <span className="font-medium text-slate-900">{label}</span>{" "}
                    <span className={item.done ? "text-emerald-800" : "font-medium text-amber-900"}>
                      — {item.done ? "Done" : "Not done"}
                    </span>
                  </p>
                  {item.note && <p className="whitespace-pre-line text-slate-600">{item.note}</p>}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section
        aria-labelledby="safer"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="safer" className="text-base font-semibold text-slate-900">
          SAFER self-assessment
        </h2>
        <p className="mb-3 text-xs text-slate-500">
          Against the ONC SAFER Guide&apos;s contingency-planning practices.
        </p>
        <ul className="divide-y divide-slate-100">
          {saferPractices.map(([key, text], index) => {
            const item = fields.safer[key]!;
            return (
              <li
                key={key}
                className="flex flex-col gap-1 py-2 first:pt-0 last:pb-0 text-sm sm:flex-row sm:items-start sm:justify-between sm:gap-4"
              >
                <div>
                  <h3 className="font-semibold text-slate-900">
                    {index + 1}. {saferShortNames[key]}
                  </h3>
                  <p className="text-slate-700">{text}</p>
                  {item.note && <p className="whitespace-pre-line text-slate-600">{item.note}</p>}
                </div>
                <span className="shrink-0">
                  <RatingBadge rating={item.rating} />
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section
        aria-labelledby="findings"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="findings" className="mb-2 text-base font-semibold text-slate-900">
          Findings
        </h2>
        {fields.findings ? (
          <p className="whitespace-pre-line text-sm text-slate-800">{fields.findings}</p>
        ) : (
          <p className="text-sm text-slate-500">No findings written.</p>
        )}
      </section>

      <section
        aria-labelledby="attendees"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2
          id="attendees"
          className="mb-2 flex items-center gap-1.5 text-base font-semibold text-slate-900"
        >
          <Users aria-hidden className="size-4 text-slate-500" /> Attendees
        </h2>
        {fields.attendees.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody recorded yet.</p>
        ) : (
          <ul aria-label="Attendees" className="flex flex-wrap gap-2">
            {fields.attendees.map((name, index) => (
              <li
                key={`${name}-${index}`}
                className="rounded-full border border-slate-300 bg-slate-50 px-2.5 py-0.5 text-sm"
              >
                {name}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
