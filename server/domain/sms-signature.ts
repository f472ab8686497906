import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature a Twilio-compatible provider puts on the requests it makes to Standby (status
 * callbacks, inbound texts) in X-Twilio-Signature: base64 HMAC-SHA1, keyed with the account's auth
 * token, of the full address the provider called followed by every POST parameter, sorted by name,
 * each as name then value. Standby refuses any such request whose signature does not match.
 */
export function smsRequestSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((name) => `${name}${params[name]}`)
      .join("");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** Whether `signature` is the provider's signature of this request (compared in constant time). */
export function smsRequestSigned(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string | null | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(smsRequestSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
