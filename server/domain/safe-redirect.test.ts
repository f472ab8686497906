import { describe, expect, test } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("where sign-in may send someone back to", () => {
  test("paths of this site, with their query", () => {
    expect(safeRedirectPath("/portfolio?q=lake")).toBe("/portfolio?q=lake");
    expect(safeRedirectPath("/print/practices/abc/packet")).toBe("/print/practices/abc/packet");
  });

  test.each([
    "//evil.example/x",
    "/\\evil.example/x",
    "/\t/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil",
    "",
    null,
    undefined,
  ])("never elsewhere: %s", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });
});
