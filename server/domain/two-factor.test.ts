import { describe, expect, test } from "vitest";
import {
  classifySecondFactor,
  mustEnrolTwoFactor,
  normalizeRecoveryCode,
  reauthIsFresh,
  recoveryCodeFrom,
  twoFactorRequiredFor,
} from "./two-factor";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 9, 0) + minutes * 60_000);

describe("recovery codes", () => {
  test("sixteen letters of an unambiguous alphabet in four groups", () => {
    const code = recoveryCodeFrom(new Uint8Array(16).map((_, index) => index * 17));
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(code).not.toMatch(/[01ilo]/);
    expect(() => recoveryCodeFrom(new Uint8Array(8))).toThrow();
  });

  test("typed codes are matched whatever their case, spaces and dashes", () => {
    expect(normalizeRecoveryCode(" ABCD-efgh jkmn-PQRS ")).toBe("abcdefghjkmnpqrs");
  });
});

describe("telling a code from a recovery code", () => {
  test("six digits are an authenticator code, spaces allowed", () => {
    expect(classifySecondFactor("123 456")).toEqual({ kind: "totp", code: "123456" });
  });
  test("a recovery code, in any case, with or without dashes", () => {
    expect(classifySecondFactor("ABCD-EFGH-JKMN-PQRS")).toEqual({
      kind: "recovery",
      code: "abcdefghjkmnpqrs",
    });
  });
  test("anything else is malformed and never reaches the database", () => {
    for (const input of [
      "",
      "12345",
      "1234567",
      "abcd-efgh",
      "abcd-efgh-jkmn-pqr0",
      "'; drop table users; --",
    ])
      expect(classifySecondFactor(input)).toEqual({ kind: "malformed" });
  });
});

describe("who must enrol", () => {
  test("the MSP setting covers admins and technicians only", () => {
    expect(twoFactorRequiredFor("admin", true)).toBe(true);
    expect(twoFactorRequiredFor("technician", true)).toBe(true);
    expect(twoFactorRequiredFor("practice_manager", true)).toBe(false);
    expect(twoFactorRequiredFor("leadership", true)).toBe(false);
    expect(twoFactorRequiredFor("admin", false)).toBe(false);
  });
  test("someone required who has two-factor already need not enrol", () => {
    expect(mustEnrolTwoFactor("technician", true, false)).toBe(true);
    expect(mustEnrolTwoFactor("technician", true, true)).toBe(false);
  });
});

describe("re-authentication freshness", () => {
  test("good for ten minutes, not at ten", () => {
    expect(reauthIsFresh(at(0), at(9.99))).toBe(true);
    expect(reauthIsFresh(at(0), at(10))).toBe(false);
    expect(reauthIsFresh(null, at(0))).toBe(false);
  });
  test("a time in the future beyond a minute of clock skew is not trusted", () => {
    expect(reauthIsFresh(at(0.5), at(0))).toBe(true);
    expect(reauthIsFresh(at(5), at(0))).toBe(false);
  });
});
