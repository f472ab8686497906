import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openPendingSignIn, sealPendingSignIn } from "./pending-sign-in";

const saved = process.env.AUTH_SECRET;
beforeEach(() => {
  process.env.AUTH_SECRET = "pending-sign-in-test-secret";
});
afterEach(() => {
  process.env.AUTH_SECRET = saved;
});

describe("the sealed email and password of the two-factor step", () => {
  test("opens to what was sealed, and does not show the password", () => {
    const sealed = sealPendingSignIn("jo@example.org", "orchard quasar bellows");
    expect(sealed).not.toContain("orchard");
    expect(openPendingSignIn(sealed)).toEqual({
      email: "jo@example.org",
      password: "orchard quasar bellows",
    });
  });
  test("an altered value, another server secret or one older than ten minutes does not open", () => {
    const now = Date.now();
    const sealed = sealPendingSignIn("jo@example.org", "orchard quasar bellows", now);
    const [iv, tag, body] = sealed.split(".");
    expect(openPendingSignIn(`${iv}.${tag}.${body!.slice(0, -2)}AA`)).toBeNull();
    expect(openPendingSignIn("garbage")).toBeNull();
    expect(openPendingSignIn(sealed, now + 10 * 60_000 + 1)).toBeNull();
    expect(openPendingSignIn(sealed, now + 9 * 60_000)).not.toBeNull();
    process.env.AUTH_SECRET = "another-secret-of-another-server";
    expect(openPendingSignIn(sealed)).toBeNull();
  });
});
