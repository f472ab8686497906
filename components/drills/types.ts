import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import { drillSteps, type DrillFields } from "@/server/contracts/drills";

type Outputs = inferRouterOutputs<AppRouter>;

export type Drill = Outputs["drills"]["list"][number];

/** A drill's plan and results as the update procedure takes them. */
export const drillFieldsOf = (drill: Drill): DrillFields => ({
  kind: drill.kind,
  scenario: drill.scenario,
  scheduledFor: new Date(drill.scheduledFor),
  heldAt: drill.heldAt ? new Date(drill.heldAt) : null,
  participants: [...drill.participants],
  detectMinutes: drill.detectMinutes,
  declareMinutes: drill.declareMinutes,
  reachVendorMinutes: drill.reachVendorMinutes,
  paperMinutes: drill.paperMinutes,
  recoverMinutes: drill.recoverMinutes,
  findings: [...drill.findings],
});

export function stepTimes(drill: Drill) {
  return drillSteps.map(([key, label]) => ({ key, label, minutes: drill[key] }));
}
