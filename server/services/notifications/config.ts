import "server-only";
import { parseOutboundAllowlist, type OutboundRules } from "@/server/domain/outbound-address";
import { secretKey } from "@/server/domain/secret-box";
import { env } from "@/server/env";

/** Where outbound deliveries may go: https only in production, plus OUTBOUND_ALLOWLIST. */
export function outboundRules(): OutboundRules {
  return {
    httpsOnly: process.env.NODE_ENV === "production",
    allow: parseOutboundAllowlist(env().OUTBOUND_ALLOWLIST),
  };
}

/** The key channel secrets are sealed with: from SECRETS_KEY, or AUTH_SECRET when it is not set. */
export function channelSecretKey(): Buffer {
  const { SECRETS_KEY, AUTH_SECRET } = env();
  return secretKey(SECRETS_KEY ?? AUTH_SECRET);
}

/** A Twilio-compatible API's address: SMS_API_BASE_URL, or Twilio's own. */
export function defaultSmsApiBaseUrl(): string {
  return env().SMS_API_BASE_URL ?? "https://api.twilio.com";
}

/** The address people reach Standby at, for links in messages sent from the worker. */
export function publicAppUrl(): string {
  return (process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
    /\/$/,
    "",
  );
}
