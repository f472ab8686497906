import { describe, expect, test } from "vitest";
import {
  defaultSessionPolicy,
  sessionPolicyFromEnv,
  sessionState,
  shouldTouch,
  type SessionPolicy,
} from "./session-rules";

const policy: SessionPolicy = { idleMinutes: 30, absoluteMinutes: 12 * 60 };
const start = new Date("2026-11-29T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("sessionState", () => {
  test("a fresh session is active", () => {
    expect(
      sessionState({ createdAt: start, lastSeenAt: start, revokedAt: null }, at(1), policy),
    ).toBe("active");
  });

  test("idle timeout: active just under the idle limit, idle at it", () => {
    const session = { createdAt: start, lastSeenAt: at(60), revokedAt: null };
    expect(sessionState(session, new Date(at(90).getTime() - 1), policy)).toBe("active");
    expect(sessionState(session, at(90), policy)).toBe("idle");
  });

  test("absolute lifetime ends a session even when it was used a minute ago", () => {
    const session = { createdAt: start, lastSeenAt: at(12 * 60 - 1), revokedAt: null };
    expect(sessionState(session, new Date(at(12 * 60).getTime() - 1), policy)).toBe("active");
    expect(sessionState(session, at(12 * 60), policy)).toBe("expired");
  });

  test("a revoked session stays revoked, whatever its times", () => {
    expect(
      sessionState({ createdAt: start, lastSeenAt: at(1), revokedAt: at(1) }, at(2), policy),
    ).toBe("revoked");
  });

  test("expiry wins over idleness", () => {
    expect(
      sessionState({ createdAt: start, lastSeenAt: start, revokedAt: null }, at(13 * 60), policy),
    ).toBe("expired");
  });
});

describe("shouldTouch", () => {
  test("writes last_seen_at at most once a minute", () => {
    expect(shouldTouch(start, new Date(start.getTime() + 59_999))).toBe(false);
    expect(shouldTouch(start, new Date(start.getTime() + 60_000))).toBe(true);
    expect(shouldTouch(start, at(10))).toBe(true);
  });
});

describe("sessionPolicyFromEnv", () => {
  test("defaults to 30 idle minutes and 12 hours", () => {
    expect(defaultSessionPolicy).toEqual({ idleMinutes: 30, absoluteMinutes: 720 });
    expect(sessionPolicyFromEnv({})).toEqual(defaultSessionPolicy);
  });

  test("reads SESSION_IDLE_MINUTES and SESSION_MAX_HOURS", () => {
    expect(sessionPolicyFromEnv({ SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "8" })).toEqual({
      idleMinutes: 15,
      absoluteMinutes: 480,
    });
  });

  test.each(["0", "-5", "1.5", "abc", "", " "])("ignores the unusable value %j", (value) => {
    expect(sessionPolicyFromEnv({ SESSION_IDLE_MINUTES: value, SESSION_MAX_HOURS: value })).toEqual(
      defaultSessionPolicy,
    );
  });
});
