import { Building2, CircleHelp, Cloud, type LucideIcon } from "lucide-react";
import { suspectedScopeLabels, type SuspectedScope } from "@/server/contracts/incidents";

/** Status, severity and scope: always an icon and a word; colour only repeats them. */

const pill =
  "inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium";

// Status and severity look the same here as in the incident lists and the banner.
export {
  SeverityBadge,
  StatusBadge,
  statusLook,
} from "@/components/incidents/list/incident-badges";

export const scopeLook: Record<SuspectedScope, { Icon: LucideIcon; className: string }> = {
  local: { Icon: Building2, className: "border-violet-300 bg-violet-50 text-violet-900" },
  vendor_wide: { Icon: Cloud, className: "border-sky-300 bg-sky-50 text-sky-900" },
  unknown: { Icon: CircleHelp, className: "border-slate-300 bg-white text-slate-700" },
};

export function ScopeBadge({ scope, confirmed }: { scope: SuspectedScope; confirmed: boolean }) {
  const { Icon, className } = scopeLook[scope];
  return (
    <span className={`${pill} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {scope === "unknown"
        ? "Scope unknown"
        : `${suspectedScopeLabels[scope]}${confirmed ? "" : " (suspected)"}`}
    </span>
  );
}
