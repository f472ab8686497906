import { KeyRound } from "lucide-react";
import { formatShortMoment } from "@/components/ui/format";

type Grant = {
  id: string;
  userName: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  live: boolean;
};

/**
 * Who opened this practice's downtime documentation logs (patient data) through emergency access:
 * shown to the practice's managers and the MSP's admins, newest first.
 */
export function EmergencyAccessList({ grants, timeZone }: { grants: Grant[]; timeZone: string }) {
  return (
    <section
      aria-labelledby="emergency-access-heading"
      className="mt-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="emergency-access-heading" className="flex items-center gap-2 text-base font-semibold">
        <KeyRound aria-hidden className="size-4 text-slate-500" /> Emergency access to this
        practice&apos;s records
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        An MSP admin can read this practice&apos;s downtime documentation logs only by writing why,
        for an hour at most. Every use is listed here and in the audit log.
      </p>
      {grants.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
          Nobody has used emergency access here.
        </p>
      ) : (
        <ul aria-label="Emergency access, newest first" className="mt-3 divide-y divide-slate-100">
          {grants.map((grant) => (
            <li
              key={grant.id}
              aria-label={`Emergency access by ${grant.userName}`}
              className="py-3 first:pt-0 last:pb-0"
            >
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-medium text-slate-900">{grant.userName}</span>
                <span className="text-slate-700">
                  {formatShortMoment(grant.grantedAt, timeZone)} until{" "}
                  {formatShortMoment(grant.expiresAt, timeZone)}
                </span>
                {grant.live ? (
                  <span className="rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-950">
                    Open now
                  </span>
                ) : (
                  <span className="rounded-full border border-slate-300 bg-slate-50 px-2 py-0.5 text-xs font-medium text-slate-700">
                    Ended
                  </span>
                )}
              </p>
              <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-800">
                <span className="text-slate-600">Reason: </span>
                {grant.reason}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
