import { describe, expect, test } from "vitest";
import { formatCountdown, grantWindow, isLive, secondsLeft } from "./emergency-access";
import { EMERGENCY_ACCESS_MINUTES } from "@/server/contracts/emergency-access";

const now = new Date("2026-11-30T10:00:00Z");

describe("emergency access", () => {
  test("lasts the named number of minutes, and no longer even when asked", () => {
    expect(EMERGENCY_ACCESS_MINUTES).toBe(60);
    expect(grantWindow(now)).toEqual({
      grantedAt: now,
      expiresAt: new Date("2026-11-30T11:00:00Z"),
    });
    expect(grantWindow(now, 600).expiresAt).toEqual(new Date("2026-11-30T11:00:00Z"));
  });

  test("is live from the grant until its expiry, not after", () => {
    const grant = grantWindow(now);
    expect(isLive(grant, now)).toBe(true);
    expect(isLive(grant, new Date("2026-11-30T10:59:59Z"))).toBe(true);
    expect(isLive(grant, new Date("2026-11-30T11:00:00Z"))).toBe(false);
    expect(isLive(grant, new Date("2026-11-30T09:59:59Z"))).toBe(false);
  });

  test("counts down in minutes and seconds, never below zero", () => {
    const grant = grantWindow(now);
    expect(secondsLeft(grant, now)).toBe(3600);
    expect(formatCountdown(secondsLeft(grant, new Date("2026-11-30T10:00:53Z")))).toBe("59:07");
    expect(secondsLeft(grant, new Date("2026-11-30T12:00:00Z"))).toBe(0);
    expect(formatCountdown(0)).toBe("0:00");
  });
});
