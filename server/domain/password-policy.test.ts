import { describe, expect, test } from "vitest";
import { passwordWeakness, personalWords, STRENGTH_CHECKED_LENGTH } from "./password-policy";
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordLengthSchema,
} from "@/server/contracts/password-length";

/** What a person choosing this password is told: the length rule, then the strength rule. */
const messagesOf = (password: string) => {
  const length = passwordLengthSchema.safeParse(password);
  if (!length.success) return length.error.issues.map((issue) => issue.message);
  const weakness = passwordWeakness(password);
  return weakness ? [weakness] : [];
};

describe("new password policy", () => {
  test("is 12 to 128 characters", () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(128);
    expect(messagesOf("Qz7#vLp2!mX")).toContain("Use at least 12 characters.");
    const tooLong = "orchid-basalt-".repeat(10).slice(0, 129);
    expect(tooLong).toHaveLength(129);
    expect(messagesOf(tooLong)).toContain("Use at most 128 characters.");
  });

  test("accepts a long phrase of unrelated words, at both length limits", () => {
    expect(messagesOf("lantern orchid basalt tundra")).toEqual([]);
    expect(messagesOf("Qz7#vLp2!mXw")).toEqual([]);
    const longest = "violet-tundra-quiver-anchor-87 marble-gossip-fjord-lantern "
      .repeat(3)
      .slice(0, 128);
    expect(longest).toHaveLength(128);
    expect(messagesOf(longest)).toEqual([]);
  });

  test.each([
    "password1234",
    "qwertyuiopas",
    "Password1234!",
    "123456789012",
    "aaaaaaaaaaaa",
    "iloveyou1234",
  ])("refuses the common or easily guessed %s, saying why", (password) => {
    const messages = messagesOf(password);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^This password is too easy to guess/);
    expect(passwordWeakness(password)).toBe(messages[0]);
  });

  test("refuses a password that is the person's own email or name, which it would otherwise accept", () => {
    const inputs = ["priya.shah@lakeside.example", "Priya Shah"];
    for (const password of ["priya.shah@lakeside.example", "Priya Shah 2026"]) {
      expect(passwordWeakness(password)).toBeNull();
      expect(passwordWeakness(password, inputs)).toMatch(/personal/);
    }
  });

  test("judges the first 64 characters only (zxcvbn's time grows steeply with length), so a weak start is not rescued by a long tail", () => {
    expect(STRENGTH_CHECKED_LENGTH).toBe(64);
    const weakStart = "a".repeat(STRENGTH_CHECKED_LENGTH);
    expect(passwordWeakness(weakStart)).not.toBeNull();
    expect(passwordWeakness(`${weakStart}Zq7#vLp2!mXw9@Tr4$kNs8^hGd3&yBf6`)).not.toBeNull();
    expect(
      passwordWeakness(`copper giraffe whistles under seventeen moons ${"a".repeat(60)}`),
    ).toBeNull();
  });

  test("a random phrase is accepted", () => {
    expect(passwordWeakness("copper giraffe whistles under seventeen moons")).toBeNull();
  });
});

test("a password made of the person's own email or name is refused for them", () => {
  const words = personalWords("priya.shah@lakeside.example", "Priya Shah");
  expect(words).toEqual(expect.arrayContaining(["priya", "shah", "lakeside"]));
  expect(passwordWeakness("priya.shah.lakeside", words)).toMatch(/too easy to guess/);
  expect(passwordWeakness("lantern orchid basalt tundra", words)).toBeNull();
});
