import "server-only";
import { secretKey } from "@/server/domain/secret-box";
import { env } from "@/server/env";

// Where deliveries may go is the rule for every outbound request (the FHIR client's too).
export { outboundRules } from "@/server/services/outbound-http";

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
