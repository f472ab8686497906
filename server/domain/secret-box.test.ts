import { describe, expect, test } from "vitest";
import { maskedSecret, openSecret, sealSecret, secretKey } from "./secret-box";

const key = secretKey("a-long-random-secret-for-tests-0123456789");

describe("secrets kept encrypted", () => {
  test("a sealed secret opens with the same key and purpose, and the stored form does not contain it", () => {
    const stored = sealSecret(key, "channel:1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(stored).not.toContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(stored.startsWith("v1.")).toBe(true);
    expect(openSecret(key, "channel:1", stored)).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  });
  test("sealing twice gives two different stored forms", () => {
    expect(sealSecret(key, "p", "same")).not.toBe(sealSecret(key, "p", "same"));
  });
  test("another key, another purpose or an altered value does not open", () => {
    const stored = sealSecret(key, "channel:1", "token-123");
    expect(
      openSecret(secretKey("another-secret-entirely-0123456789"), "channel:1", stored),
    ).toBeNull();
    expect(openSecret(key, "channel:2", stored)).toBeNull();
    const [version, iv, sealed] = stored.split(".");
    const flipped = `${sealed!.slice(0, 5)}${sealed![5] === "A" ? "B" : "A"}${sealed!.slice(6)}`;
    expect(openSecret(key, "channel:1", [version, iv, flipped].join("."))).toBeNull();
    expect(openSecret(key, "channel:1", "plain text")).toBeNull();
  });
  test("the browser sees only that a secret is set and its last four characters", () => {
    expect(maskedSecret("whsec_abcdefghijklmnop")).toBe("••••••••mnop");
    expect(maskedSecret("short")).toBe("••••••••");
  });
});
