/**
 * When a failed delivery is tried again. Worth retrying: a 5xx, a 429 (after its Retry-After), a
 * mail server's temporary refusal (its 4xx), a timeout or a lost connection — for up to 24 hours
 * from the first attempt. Not worth it: any other
 * 4xx (the address or the secret is wrong, a person must fix the channel), a 3xx (Standby follows
 * no redirect), a mail server's permanent refusal (5xx) and an address the outbound guard refuses.
 */
export const RETRY_FOR_MS = 24 * 60 * 60_000;
const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 60 * 60_000;

export type AttemptOutcome =
  | { kind: "answered"; status: number; retryAfter: string | null }
  /**
   * refused: by the outbound guard; rejected: permanently, by a mail server (its 5xx, or a sign-in
   * it cannot take); deferred: for now, by a mail server (its 4xx).
   */
  | { kind: "timeout" | "connection" | "refused" | "rejected" | "deferred" };

export type RetryDecision =
  | { retry: true; at: Date }
  | { retry: false; reason: "delivered" | "not retried" | "gave up after 24 hours" };

export const deliveredStatus = (status: number) => status >= 200 && status < 300;

/**
 * Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. A date in the past
 * means "now".
 */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The delay before attempt `attempt + 1` (attempt counts from 1): 30 s, doubling to at most an hour,
 * with up to 20% taken off at random so that many deliveries failed together do not return together.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_DELAY_MS);
  return Math.round(exponential * (1 - 0.2 * random()));
}

export function nextAttempt(
  {
    attempt,
    firstAttemptAt,
    outcome,
  }: { attempt: number; firstAttemptAt: Date; outcome: AttemptOutcome },
  now: Date,
  random: () => number = Math.random,
): RetryDecision {
  if (outcome.kind === "answered" && deliveredStatus(outcome.status))
    return { retry: false, reason: "delivered" };
  const retryable =
    outcome.kind === "timeout" ||
    outcome.kind === "connection" ||
    outcome.kind === "deferred" ||
    (outcome.kind === "answered" && (outcome.status >= 500 || outcome.status === 429));
  if (!retryable) return { retry: false, reason: "not retried" };
  const asked = outcome.kind === "answered" ? retryAfterMs(outcome.retryAfter, now) : null;
  const delay = asked ?? backoffMs(attempt, random);
  const at = new Date(now.getTime() + delay);
  if (at.getTime() - firstAttemptAt.getTime() > RETRY_FOR_MS)
    return { retry: false, reason: "gave up after 24 hours" };
  return { retry: true, at };
}
