/**
 * Failed sign-in throttling. Three counters per attempt:
 *  - pair (email + client address): a few tries, then a short block — stops guessing from one place;
 *  - account (email from anywhere): more tries — slows a distributed guess at one account;
 *  - address (any email): many tries — slows one place spraying many accounts.
 * Blocks are short and fixed. The account-wide block could still be renewed by an attacker every
 * 15 minutes, so it does not apply on a device where that account has signed in before (a signed
 * "known device" cookie, as OWASP recommends): the real user keeps getting in from their browser.
 */

export type ThrottleRule = { maxFailures: number; windowMinutes: number; blockMinutes: number };

export const throttleRules = {
  pair: { maxFailures: 5, windowMinutes: 15, blockMinutes: 5 },
  account: { maxFailures: 20, windowMinutes: 15, blockMinutes: 15 },
  address: { maxFailures: 50, windowMinutes: 15, blockMinutes: 15 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleKind = keyof typeof throttleRules;

/** The counters that may block this attempt. */
export function blockingKinds(knownDevice: boolean): ThrottleKind[] {
  return knownDevice ? ["pair", "address"] : ["pair", "account", "address"];
}

export type Counter = { failures: number; windowStartedAt: Date; blockedUntil: Date | null };

/** The counter after one more failure. */
export function afterFailure(counter: Counter | null, rule: ThrottleRule, now: Date): Counter {
  const windowOpen =
    counter && now.getTime() - counter.windowStartedAt.getTime() < rule.windowMinutes * 60_000;
  const failures = windowOpen ? counter.failures + 1 : 1;
  const windowStartedAt = windowOpen ? counter.windowStartedAt : now;
  const blockedUntil =
    failures >= rule.maxFailures ? new Date(now.getTime() + rule.blockMinutes * 60_000) : null;
  return {
    failures: blockedUntil ? 0 : failures,
    windowStartedAt: blockedUntil ? now : windowStartedAt,
    blockedUntil,
  };
}

/** Minutes left on a block, or 0 when the counter does not block now. */
export function minutesBlocked(counter: Counter | null, now: Date): number {
  if (!counter?.blockedUntil) return 0;
  const left = counter.blockedUntil.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}
