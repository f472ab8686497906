import { UserPlus } from "lucide-react";
import { formatShortMoment } from "@/components/ui/format";
import {
  PATIENT_DATA_CHANGES_SHOWN_DAYS,
  PATIENT_DATA_DELAY_HOURS,
} from "@/server/domain/patient-data-access";
import { roleLabels, type Role } from "@/server/permissions";

type Change = {
  id: string;
  userName: string;
  role: Role;
  how: "invitation" | "role_change";
  changedByName: string;
  changedAt: Date;
  accessFrom: Date;
  pending: boolean;
};

/**
 * Role changes and invitations that gave someone routine access to this practice's downtime
 * documentation logs (patient data). Such access begins a day after the change, so the practice's
 * managers see it here, beside the emergency-access grants, before it takes effect.
 */
export function RoutineAccessList({ changes, timeZone }: { changes: Change[]; timeZone: string }) {
  return (
    <section
      aria-labelledby="routine-access-heading"
      className="mt-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="routine-access-heading" className="flex items-center gap-2 text-base font-semibold">
        <UserPlus aria-hidden className="size-4 text-slate-500" /> New routine access to this
        practice&apos;s records
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        When an MSP admin makes someone a technician or a manager of this practice, they can work
        its downtime documentation logs {PATIENT_DATA_DELAY_HOURS} hours later. Changes of the last{" "}
        {PATIENT_DATA_CHANGES_SHOWN_DAYS} days are listed here; if one is unexpected, ask the MSP
        before it takes effect.
      </p>
      {changes.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
          Nobody was given routine access recently.
        </p>
      ) : (
        <ul
          aria-label="New routine access, newest first"
          className="mt-3 divide-y divide-slate-100"
        >
          {changes.map((change) => (
            <li
              key={change.id}
              aria-label={`Routine access for ${change.userName}`}
              className="py-3 first:pt-0 last:pb-0"
            >
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-medium text-slate-900">{change.userName}</span>
                <span className="text-slate-700">{roleLabels[change.role]}</span>
                {change.pending ? (
                  <span className="rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-950">
                    Starts {formatShortMoment(change.accessFrom, timeZone)}
                  </span>
                ) : (
                  <span className="rounded-full border border-slate-300 bg-slate-50 px-2 py-0.5 text-xs font-medium text-slate-700">
                    Since {formatShortMoment(change.accessFrom, timeZone)}
                  </span>
                )}
              </p>
              <p className="mt-1 text-sm text-slate-700">
                {change.how === "invitation"
                  ? "Joined by invitation"
                  : `Access changed by ${change.changedByName}`}{" "}
                on {formatShortMoment(change.changedAt, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
