import type { inferRouterOutputs } from "@trpc/server";
import type { MessageStatus } from "@/server/domain/outreach";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type CampaignsView = Outputs["outreach"]["campaigns"];
export type CampaignView = CampaignsView["campaigns"][number];
export type PreviewView = Outputs["outreach"]["preview"];
export type MessagesView = Outputs["outreach"]["messages"];
export type MessageView = MessagesView["messages"][number];

export type OutreachAccess = {
  /** Works patient data: previews, sends, stops and reads messages per patient. */
  patients: boolean;
  /** When that work begins, for someone given it less than a day ago. */
  patientsFrom: Date | null;
  settings: boolean;
  role: string;
};

/** How each status shows: a word, and a tone that is never the only cue. */
export const statusTones: Record<MessageStatus, string> = {
  queued: "border-slate-300 bg-slate-50 text-slate-800",
  held: "border-amber-300 bg-amber-50 text-amber-900",
  sending: "border-sky-300 bg-sky-50 text-sky-900",
  sent: "border-sky-300 bg-sky-50 text-sky-900",
  delivered: "border-emerald-300 bg-emerald-50 text-emerald-900",
  undeliverable: "border-red-300 bg-red-50 text-red-900",
  failed: "border-red-300 bg-red-50 text-red-900",
  outbox: "border-violet-300 bg-violet-50 text-violet-900",
  stopped: "border-slate-400 bg-slate-100 text-slate-800",
  withheld: "border-slate-400 bg-slate-100 text-slate-800",
};

/** The page's address, for links from the schedule and the incident room. */
export const outreachPath = (practiceId: string, incidentId?: string | null) =>
  `/practices/${practiceId}/outreach${incidentId ? `?incident=${incidentId}` : ""}`;
