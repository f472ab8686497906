import "server-only";
import { bareHost, hostRefusal } from "@/server/domain/outbound-address";
import { sendOutbound } from "@/server/services/outbound-http";
import {
  PRIVATE_TARGET_ADVICE,
  type CheckEnvironment,
  type CheckFinding,
  type CheckSpec,
} from "./types";

/** Read at most this much of a page to look for a keyword. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * An HTTP(S) check through the outbound guard (sendOutbound: no private targets unless allowlisted,
 * no redirects followed, a deadline). Up when the status is the expected one (any 2xx or 3xx when
 * none is set) and the keyword is present (or absent, as asked); degraded when it answered slower
 * than degradedAboveMs.
 */
export async function checkHttp(
  spec: CheckSpec,
  environment: CheckEnvironment,
): Promise<CheckFinding> {
  let host = "";
  try {
    host = bareHost(new URL(spec.target));
  } catch {
    return {
      outcome: "down",
      latencyMs: null,
      error: "The monitor's address is not a web address.",
    };
  }
  const refusal = hostRefusal(host, environment.rules, PRIVATE_TARGET_ADVICE);
  if (refusal) return { outcome: "down", latencyMs: null, error: refusal };
  const exchange = await sendOutbound(
    spec.target,
    {
      method: "GET",
      headers: { accept: "text/html,application/json;q=0.9,*/*;q=0.8" },
      timeoutMs: spec.timeoutSeconds * 1000,
      maxBodyBytes: MAX_BODY_BYTES,
      userAgent: "Standby-Monitor/1.0",
      peer: "site",
    },
    environment.rules,
    environment.resolveHost,
  );
  if (!exchange.ok) return { outcome: "down", latencyMs: null, error: exchange.problem.message };
  const { status, body, latencyMs } = exchange.response;
  const { expectedStatus, keyword, keywordMode, degradedAboveMs } = spec.settings;
  const statusOk = expectedStatus ? status === expectedStatus : status >= 200 && status < 400;
  if (!statusOk)
    return {
      outcome: "down",
      latencyMs,
      error: `Answered ${status}${expectedStatus ? `, not ${expectedStatus}` : ""}.`,
    };
  if (keyword) {
    const found = body.toString("utf8").includes(keyword);
    if (keywordMode === "absent" && found)
      return { outcome: "down", latencyMs, error: `The page contains "${keyword}".` };
    if (keywordMode !== "absent" && !found)
      return { outcome: "down", latencyMs, error: `The page does not contain "${keyword}".` };
  }
  if (degradedAboveMs && latencyMs > degradedAboveMs)
    return {
      outcome: "degraded",
      latencyMs,
      error: `Slow: answered in ${latencyMs} ms (more than ${degradedAboveMs} ms).`,
    };
  return { outcome: "up", latencyMs, error: null };
}
