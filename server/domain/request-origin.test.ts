import { describe, expect, test } from "vitest";
import { crossSiteMessage, crossSiteRefusal, originOf } from "./request-origin";

const app = "https://standby.example.org";
const headers = (values: Record<string, string>) => new Headers(values);

describe("refusing cross-site requests that change state", () => {
  test("a POST from the app's own origin passes", () => {
    expect(crossSiteRefusal("POST", headers({ origin: app, "sec-fetch-site": "same-origin" }), app)).toBeNull();
  });
  test("a POST from another origin is refused, whatever Sec-Fetch-Site claims", () => {
    expect(crossSiteRefusal("POST", headers({ origin: "https://evil.example" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("POST", headers({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("POST", headers({ origin: "http://standby.example.org" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("POST", headers({ origin: "null" }), app)).toBe(crossSiteMessage);
  });
  test("an Origin matching the Host the browser addressed passes too (reached at another name than AUTH_URL)", () => {
    expect(crossSiteRefusal("POST", headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), "http://localhost:3000")).toBeNull();
    expect(crossSiteRefusal("POST", headers({ origin: "https://standby.internal", "x-forwarded-host": "standby.internal", host: "10.0.0.5:3000" }), app)).toBeNull();
    expect(crossSiteRefusal("POST", headers({ origin: "https://evil.example", host: "standby.example.org" }), app)).toBe(crossSiteMessage);
  });
  test("without Origin, Sec-Fetch-Site decides: cross-site and same-site (a sibling subdomain) are refused", () => {
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "cross-site" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "same-site" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "same-origin" }), app)).toBeNull();
  });
  test("every unsafe method is checked; GET and HEAD are not (they change nothing)", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "post"]) expect(crossSiteRefusal(method, headers({ origin: "https://evil.example" }), app)).toBe(crossSiteMessage);
    expect(crossSiteRefusal("GET", headers({ origin: "https://evil.example" }), app)).toBeNull();
  });
  test("a request with neither header is not from a browser and passes", () => {
    expect(crossSiteRefusal("POST", headers({}), app)).toBeNull();
  });
  test("the app origin is the scheme, host and port of AUTH_URL", () => {
    expect(originOf("https://standby.example.org/")).toBe(app);
    expect(originOf("http://localhost:3000")).toBe("http://localhost:3000");
  });
});
