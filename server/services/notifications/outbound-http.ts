import "server-only";
import type { OutboundRules } from "@/server/domain/outbound-address";
import {
  headerOf,
  sendOutbound,
  type OutboundProblem,
  type ResolveHost,
} from "@/server/services/outbound-http";

export type { OutboundProblem, ResolveHost };

/** What a receiver answered: its status, Retry-After, and the start of its body (for the delivery log). */
export type OutboundAnswer = {
  status: number;
  retryAfter: string | null;
  body: string;
  latencyMs: number;
};

export type OutboundResult =
  { ok: true; answer: OutboundAnswer } | { ok: false; problem: OutboundProblem };

const BODY_KEPT_BYTES = 2_000;
const BODY_READ_BYTES = 64_000;

/**
 * POSTs a notification to an address an MSP admin configured, through the shared outbound guard
 * (server/services/outbound-http.ts), with a deadline. A receiver that answers 3xx has failed.
 */
export async function postOutbound(
  rawUrl: string,
  request: { body: string; headers: Record<string, string>; timeoutMs: number },
  rules: OutboundRules,
  /** How host names are resolved: the system's resolver, or a test's stand-in for a DNS answer. */
  resolveHost?: ResolveHost,
): Promise<OutboundResult> {
  const exchange = await sendOutbound(
    rawUrl,
    {
      method: "POST",
      headers: request.headers,
      body: request.body,
      timeoutMs: request.timeoutMs,
      maxBodyBytes: BODY_READ_BYTES,
      userAgent: "Standby-Notifications/1",
    },
    rules,
    resolveHost,
  );
  if (!exchange.ok) return exchange;
  const { response } = exchange;
  return {
    ok: true,
    answer: {
      status: response.status,
      retryAfter: headerOf(response.headers, "retry-after"),
      body: response.body.toString("utf8").slice(0, BODY_KEPT_BYTES),
      latencyMs: response.latencyMs,
    },
  };
}
