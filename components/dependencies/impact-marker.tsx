import { PowerOff, XCircle } from "lucide-react";

export type ImpactState = "failed" | "stops" | null;

/** In the table and the diagram: the system chosen in the Impact panel and what stops with it. */
export function ImpactMarker({ state }: { state: ImpactState }) {
  if (state === "failed")
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
        <XCircle aria-hidden className="size-3.5" /> Fails
      </span>
    );
  if (state === "stops")
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded border border-orange-700 bg-orange-100 px-1.5 py-0.5 text-xs font-semibold text-orange-900">
        <PowerOff aria-hidden className="size-3.5" /> Stops
      </span>
    );
  return null;
}
