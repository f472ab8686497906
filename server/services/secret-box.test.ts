import { describe, expect, test } from "vitest";
import { seal, unseal } from "./secret-box";

const key = "a-long-random-auth-secret-0123456789";

describe("sealing TOTP secrets", () => {
  test("opens with the same key and the same user, never shows the plaintext", () => {
    const sealed = seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "user-1", key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(unseal(sealed, "user-1", key)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });
  test("each sealing uses a fresh nonce", () => {
    expect(seal("same", "user-1", key)).not.toBe(seal("same", "user-1", key));
  });
  test("another user, another key or any altered byte fails to open", () => {
    const sealed = seal("secret", "user-1", key);
    expect(unseal(sealed, "user-2", key)).toBeNull();
    expect(unseal(sealed, "user-1", `${key}-rotated`)).toBeNull();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = body!.startsWith("A") ? `B${body!.slice(1)}` : `A${body!.slice(1)}`;
    expect(unseal([v, iv, tag, flipped].join("."), "user-1", key)).toBeNull();
    expect(unseal("garbage", "user-1", key)).toBeNull();
  });
  test("refuses to work without a real AUTH_SECRET", () => {
    expect(() => seal("secret", "user-1", "")).toThrow(/AUTH_SECRET/);
  });
});
