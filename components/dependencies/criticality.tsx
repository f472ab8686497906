import { Circle, Crosshair, OctagonAlert, TriangleAlert, type LucideIcon } from "lucide-react";
import { criticalityLabels, type Criticality } from "@/server/contracts/dependencies";

/** Criticality is shown by a word, an icon and a border style; colour only repeats it. */
export const criticalityLook: Record<
  Criticality,
  { Icon: LucideIcon; badge: string; node: string; meaning: string }
> = {
  critical: {
    Icon: OctagonAlert,
    badge: "border-2 border-solid border-red-700 bg-red-50 font-semibold text-red-800",
    node: "border-[3px] border-solid border-red-700",
    meaning: "Patient care or the front desk stops without it.",
  },
  important: {
    Icon: TriangleAlert,
    badge: "border border-solid border-amber-600 bg-amber-50 font-medium text-amber-900",
    node: "border-2 border-solid border-amber-600",
    meaning: "Work slows down, but there is a workaround.",
  },
  minor: {
    Icon: Circle,
    badge: "border border-dashed border-slate-400 bg-white text-slate-700",
    node: "border border-dashed border-slate-400",
    meaning: "Can wait until it is fixed.",
  },
};

export function CriticalityBadge({
  criticality,
  className = "",
}: {
  criticality: Criticality;
  className?: string;
}) {
  const { Icon, badge } = criticalityLook[criticality];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${badge} ${className}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {criticalityLabels[criticality]}
    </span>
  );
}

export function SpofBadge({
  short = false,
  className = "",
}: {
  short?: boolean;
  className?: string;
}) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border border-fuchsia-800 bg-fuchsia-50 px-1.5 py-0.5 text-xs font-semibold text-fuchsia-900 ${className}`}
      title={short ? "Single point of failure" : undefined}
    >
      <Crosshair aria-hidden className="size-3.5 shrink-0" />
      {short ? (
        <>
          <span aria-hidden>SPOF</span>
          <span className="sr-only">Single point of failure</span>
        </>
      ) : (
        "Single point of failure"
      )}
    </span>
  );
}
