import { describe, expect, test } from "vitest";
import {
  afterFailure,
  minutesBlocked,
  throttleRules,
  type Counter,
  type ThrottleRule,
} from "./sign-in-throttle";

const rule: ThrottleRule = { maxFailures: 5, windowMinutes: 15, blockMinutes: 5 };
const start = new Date("2026-11-29T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

function fail(
  times: number,
  from: Counter | null = null,
  minutesApart = 1,
  firstAt = 0,
): Counter | null {
  let counter = from;
  for (let i = 0; i < times; i++)
    counter = afterFailure(counter, rule, at(firstAt + i * minutesApart));
  return counter;
}

describe("afterFailure", () => {
  test("counts failures inside the window", () => {
    expect(afterFailure(null, rule, start)).toEqual({
      failures: 1,
      windowStartedAt: start,
      blockedUntil: null,
    });
    expect(fail(4)).toEqual({ failures: 4, windowStartedAt: start, blockedUntil: null });
  });

  test("starts a new window once the old one has passed", () => {
    const counter = fail(4);
    expect(afterFailure(counter, rule, at(15))).toEqual({
      failures: 1,
      windowStartedAt: at(15),
      blockedUntil: null,
    });
    expect(afterFailure(counter, rule, at(14.99)).blockedUntil).toEqual(at(14.99 + 5));
  });

  test("the fifth failure in the window blocks for the rule's minutes and restarts the count", () => {
    const counter = fail(5);
    expect(counter).toEqual({ failures: 0, windowStartedAt: at(4), blockedUntil: at(4 + 5) });
  });

  test("failures spread beyond the window never block", () => {
    expect(fail(20, null, 16)?.blockedUntil).toBeNull();
  });
});

describe("minutesBlocked", () => {
  test("no counter or no block: 0", () => {
    expect(minutesBlocked(null, start)).toBe(0);
    expect(minutesBlocked({ failures: 3, windowStartedAt: start, blockedUntil: null }, start)).toBe(
      0,
    );
  });

  test("rounds the time left up to whole minutes, and ends when the block ends", () => {
    const counter = fail(5)!;
    expect(minutesBlocked(counter, at(4))).toBe(5);
    expect(minutesBlocked(counter, at(4.5))).toBe(5);
    expect(minutesBlocked(counter, at(8.01))).toBe(1);
    expect(minutesBlocked(counter, at(9))).toBe(0);
    expect(minutesBlocked(counter, at(60))).toBe(0);
  });
});

describe("throttle rules", () => {
  test("one place guessing one account is stopped first; blocks are short so a real user is never locked out for long", () => {
    expect(throttleRules.pair.maxFailures).toBe(5);
    expect(throttleRules.pair.maxFailures).toBeLessThan(throttleRules.account.maxFailures);
    expect(throttleRules.account.maxFailures).toBeLessThan(throttleRules.address.maxFailures);
    for (const kind of Object.values(throttleRules)) {
      expect(kind.blockMinutes).toBeGreaterThan(0);
      expect(kind.blockMinutes).toBeLessThanOrEqual(15);
    }
  });
});
