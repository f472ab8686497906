import { describe, expect, test } from "vitest";
import { sessionCookieFor } from "./session-cookie";

describe("the session cookie", () => {
  test("over https it is __Host- prefixed, Secure, httpOnly, SameSite=Lax, Path=/ and has no Domain", () => {
    const cookie = sessionCookieFor("https://standby.example.org");
    expect(cookie).toEqual({
      name: "__Host-standby.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(cookie.options).not.toHaveProperty("domain");
  });
  test("over plain http (a laptop) it cannot be Secure, so it has no prefix; still httpOnly and SameSite=Lax", () => {
    expect(sessionCookieFor("http://localhost:3000")).toEqual({
      name: "standby.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(sessionCookieFor(undefined).options.secure).toBe(false);
  });
});
