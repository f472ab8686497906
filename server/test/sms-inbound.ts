/**
 * A patient's text as a Twilio-compatible provider posts it to Standby: the form parameters (From,
 * To, Body, MessageSid, AccountSid …), form-encoded, signed in X-Twilio-Signature with the account's
 * auth token over the address called and the parameters (smsRequestSignature, the provider's
 * documented algorithm). Tests hand the request to the route handler; a loopback fake provider can
 * POST it to a running Standby with fetch.
 */
import { smsRequestSignature } from "@/server/domain/sms-signature";

export type InboundTextParams = { From: string; Body: string; MessageSid: string } & Record<
  string,
  string
>;

export type InboundSigning = {
  /** The auth token that signs; null sends no signature at all. */
  authToken: string | null;
  /** The address the signature covers: the one posted to unless a test says otherwise. */
  signedUrl?: string;
  /** Parameters changed after signing (a forgery). */
  tamper?: Record<string, string>;
  /** What a proxy in front of Standby adds (X-Forwarded-Host, -Proto). */
  headers?: Record<string, string>;
};

export function inboundSmsRequest(
  url: string,
  params: InboundTextParams,
  signing: InboundSigning,
): Request {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    ...signing.headers,
  };
  if (signing.authToken !== null)
    headers["x-twilio-signature"] = smsRequestSignature(
      signing.authToken,
      signing.signedUrl ?? url,
      params,
    );
  return new Request(url, {
    method: "POST",
    headers,
    body: new URLSearchParams({ ...params, ...signing.tamper }).toString(),
  });
}

/** Signs and posts a text to `url`, through `deliver` (fetch by default: a running server). */
export function postInboundSms(
  url: string,
  params: InboundTextParams,
  signing: InboundSigning,
  deliver: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<Response> {
  return deliver(inboundSmsRequest(url, params, signing));
}
