import { KeyRound } from "lucide-react";
import { formatShortMoment } from "@/components/incidents/room/format";

type Grant = { id: string; userName: string; reason: string; grantedAt: Date; expiresAt: Date; live: boolean };

/**
 * Who opened this practice's downtime documentation logs (patient data) through emergency access:
 * shown to the practice's managers and the MSP's admins, newest first.
 */
export function EmergencyAccessList({ grants, timeZone }: { grants: Grant[]; timeZone: string }) {
  return (
    <section aria-labelledby="emergency-access-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="emergency-access-heading" className="flex items-center gap-2 text-base font-semibold">
        <KeyRound aria-hidden className="size-4 text-slate-500" /> Emergency access to this practice&apos;s records
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        An MSP admin can read this practice&apos;s downtime documentation logs only by writing why, for an hour at most. Every use is listed here and in the audit log.
      </p>
      {grants.length === 0 ? (
        <p className="mt-3 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">Nobody has used emergency access here.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Emergency access to this practice&apos;s records, newest first</caption>
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Who</th>
                <th scope="col" className="py-2 pr-3 font-medium">When</th>
                <th scope="col" className="py-2 pr-3 font-medium">Until</th>
                <th scope="col" className="py-2 font-medium">Reason</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {grants.map((grant) => (
                <tr key={grant.id} className="align-top">
                  <td className="py-2 pr-3 font-medium text-slate-900">{grant.userName}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{formatShortMoment(grant.grantedAt, timeZone)}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {formatShortMoment(grant.expiresAt, timeZone)}
                    {grant.live && <span className="ml-2 rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-950">Open now</span>}
                  </td>
                  <td className="py-2 break-words whitespace-pre-line text-slate-800">{grant.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
