import { describe, expect, test } from "vitest";
import { backoffMs, nextAttempt, retryAfterMs, RETRY_FOR_MS } from "./delivery-retry";

const now = new Date("2026-12-07T10:00:00Z");
const noJitter = () => 0;

describe("retrying a delivery", () => {
  test("a 2xx is delivered; other 4xx, 3xx, a refused address and a mail server's 5xx are not retried", () => {
    const first = { attempt: 1, firstAttemptAt: now };
    for (const status of [200, 202, 204])
      expect(
        nextAttempt({ ...first, outcome: { kind: "answered", status, retryAfter: null } }, now),
      ).toEqual({ retry: false, reason: "delivered" });
    for (const status of [301, 400, 401, 403, 404, 410, 422])
      expect(
        nextAttempt({ ...first, outcome: { kind: "answered", status, retryAfter: null } }, now),
      ).toEqual({ retry: false, reason: "not retried" });
    for (const kind of ["refused", "rejected"] as const)
      expect(nextAttempt({ ...first, outcome: { kind } }, now)).toEqual({
        retry: false,
        reason: "not retried",
      });
  });

  test("5xx, a mail server's 4xx, timeouts and lost connections back off from 30 s, doubling to at most an hour", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => {
      const decision = nextAttempt(
        {
          attempt,
          firstAttemptAt: now,
          outcome: { kind: "answered", status: 503, retryAfter: null },
        },
        now,
        noJitter,
      );
      return decision.retry ? (decision.at.getTime() - now.getTime()) / 1000 : null;
    });
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    for (const kind of ["timeout", "connection", "deferred"] as const)
      expect(nextAttempt({ attempt: 1, firstAttemptAt: now, outcome: { kind } }, now).retry).toBe(
        true,
      );
  });

  test("jitter only ever shortens the delay, by at most a fifth", () => {
    expect(backoffMs(1, () => 1)).toBe(24_000);
    expect(backoffMs(1, () => 0)).toBe(30_000);
  });

  test("a 429 waits as long as Retry-After says, in seconds or as a date", () => {
    const inSeconds = nextAttempt(
      {
        attempt: 1,
        firstAttemptAt: now,
        outcome: { kind: "answered", status: 429, retryAfter: "120" },
      },
      now,
    );
    expect(inSeconds).toEqual({ retry: true, at: new Date("2026-12-07T10:02:00Z") });
    const asDate = nextAttempt(
      {
        attempt: 1,
        firstAttemptAt: now,
        outcome: { kind: "answered", status: 429, retryAfter: "Mon, 07 Dec 2026 10:05:00 GMT" },
      },
      now,
    );
    expect(asDate).toEqual({ retry: true, at: new Date("2026-12-07T10:05:00Z") });
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("Mon, 07 Dec 2026 09:00:00 GMT", now)).toBe(0);
  });

  test("nothing is retried past 24 hours from the first attempt", () => {
    const firstAttemptAt = new Date(now.getTime() - RETRY_FOR_MS + 10_000);
    expect(
      nextAttempt({ attempt: 30, firstAttemptAt, outcome: { kind: "timeout" } }, now, noJitter),
    ).toEqual({ retry: false, reason: "gave up after 24 hours" });
    // A Retry-After that would land past the window gives up too.
    expect(
      nextAttempt(
        {
          attempt: 1,
          firstAttemptAt: now,
          outcome: { kind: "answered", status: 429, retryAfter: String(25 * 3600) },
        },
        now,
      ),
    ).toEqual({ retry: false, reason: "gave up after 24 hours" });
  });
});
