import type { inferRouterOutputs } from "@trpc/server";
import type { ReplyStatus } from "@/server/contracts/outreach-replies";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
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
