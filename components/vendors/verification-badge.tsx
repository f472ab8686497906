import { CircleCheck, CircleHelp, TriangleAlert } from "lucide-react";
import type { PracticeVendorLink } from "./types";

/** Whether a practice's contacts with a vendor were checked in the last 90 days: an icon and words, not only a colour. */
export function VerificationBadge({
  verification,
}: {
  verification: PracticeVendorLink["verification"];
}) {
  if (verification.status === "current") {
    const days = verification.daysSince ?? 0;
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded border border-emerald-700 bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-900">
        <CircleCheck aria-hidden className="size-3.5" /> Verified{" "}
        {days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`}
      </span>
    );
  }
  if (verification.status === "overdue")
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded border-2 border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
        <TriangleAlert aria-hidden className="size-3.5" /> Not verified in 90 days
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded border-2 border-red-700 bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800">
      <CircleHelp aria-hidden className="size-3.5" /> Never verified
    </span>
  );
}
