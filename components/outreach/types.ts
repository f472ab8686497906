import type { inferRouterOutputs } from "@trpc/server";
import type { ReplyStatus } from "@/server/contracts/outreach-replies";
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
export type ReplyInboxPage = Outputs["outreachReplies"]["inbox"];
export type InboxReply = ReplyInboxPage["items"][number];

/**
 * The inbox's query, built one way by the page (which reads it on the server) and by the browser
 * (which finds it in the hydrated cache under the same key): every read of it is audited.
 */
export function replyInboxInput(practiceId: string, status: ReplyStatus) {
  return { practiceId, status };
}

/** The cursor of the page after this one, for the inbox's infinite query. */
export const nextReplyPage = (page: ReplyInboxPage) => page.nextCursor ?? undefined;

export const repliesPath = (practiceId: string, status: ReplyStatus = "open") =>
  `/practices/${practiceId}/outreach/replies${status === "handled" ? "?status=handled" : ""}`;
