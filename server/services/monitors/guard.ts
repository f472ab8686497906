import "server-only";
import { isIP } from "node:net";
import { hostRefusal, resolvedRefusal } from "@/server/domain/outbound-address";
import { PRIVATE_TARGET_ADVICE, type CheckEnvironment } from "./types";

/**
 * The SSRF guard for TCP and TLS monitors (HTTP ones go through sendOutbound): the host as typed,
 * then every address its name resolves to, must be public or allowlisted (OUTBOUND_ALLOWLIST). The
 * connection then goes to the address checked here, never to a second resolution.
 */
export async function guardedAddress(
  host: string,
  environment: CheckEnvironment,
): Promise<{ ok: true; address: string } | { ok: false; refused: boolean; message: string }> {
  const bare = host
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  const typed = hostRefusal(bare, environment.rules, PRIVATE_TARGET_ADVICE);
  if (typed) return { ok: false, refused: true, message: typed };
  if (isIP(bare)) return { ok: true, address: bare };
  let found: string[];
  try {
    found = (await environment.resolveHost(bare)).map((entry) => entry.address);
  } catch {
    return {
      ok: false,
      refused: false,
      message: `The host name ${bare} does not exist (DNS found no address).`,
    };
  }
  const refusal = resolvedRefusal(bare, found, environment.rules.allow, PRIVATE_TARGET_ADVICE);
  if (refusal) return { ok: false, refused: true, message: refusal };
  return { ok: true, address: found[0]! };
}
