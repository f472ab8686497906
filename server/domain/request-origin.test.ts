import { describe, expect, test } from "vitest";
import { requestOriginFrom } from "./forwarded";
import { crossSiteMessage, crossSiteRefusal, originOf } from "./request-origin";

const app = "https://standby.example.org";
const headers = (values: Record<string, string>) => new Headers(values);
/** The origins same-origin.ts accepts: AUTH_URL's and the one the browser addressed. */
const origins = (values: Record<string, string>, hops = 0) => [
  app,
  requestOriginFrom(headers(values), hops),
];
const refusal = (values: Record<string, string>, hops = 0) =>
  crossSiteRefusal("POST", headers(values), origins(values, hops));

describe("refusing cross-site requests that change state", () => {
  test("a POST from the app's own origin passes", () => {
    expect(refusal({ origin: app, "sec-fetch-site": "same-origin" })).toBeNull();
  });
  test("a POST from another origin is refused, whatever Sec-Fetch-Site claims", () => {
    expect(refusal({ origin: "https://evil.example" })).toBe(crossSiteMessage);
    expect(refusal({ origin: "https://evil.example", "sec-fetch-site": "same-origin" })).toBe(
      crossSiteMessage,
    );
    expect(refusal({ origin: "http://standby.example.org" })).toBe(crossSiteMessage);
    expect(refusal({ origin: "null" })).toBe(crossSiteMessage);
  });
  test("an Origin matching the Host the browser addressed passes too (reached at another name than AUTH_URL)", () => {
    expect(
      crossSiteRefusal(
        "POST",
        headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }),
        ["http://localhost:3000", requestOriginFrom(headers({ host: "127.0.0.1:3000" }), 0)],
      ),
    ).toBeNull();
    expect(refusal({ origin: "https://evil.example", host: "standby.example.org" })).toBe(
      crossSiteMessage,
    );
  });
  test("scheme and port count, not only the host name", () => {
    // The page at http://standby.internal is another origin than Standby at https://… and vice versa.
    expect(refusal({ origin: "https://standby.internal", host: "standby.internal" })).toBe(
      crossSiteMessage,
    );
    expect(refusal({ origin: "http://standby.internal", host: "standby.internal" })).toBeNull();
    expect(refusal({ origin: "http://standby.internal:8080", host: "standby.internal" })).toBe(
      crossSiteMessage,
    );
    expect(refusal({ origin: "http://standby.example.org", host: "other.example" })).toBe(
      crossSiteMessage,
    );
  });
  test("X-Forwarded-Host and -Proto count only from trusted proxies (TRUST_PROXY_HOPS)", () => {
    const forwarded = {
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      host: "10.0.0.5:3000",
    };
    expect(refusal(forwarded, 0)).toBe(crossSiteMessage);
    expect(
      refusal(
        {
          ...forwarded,
          origin: "https://standby.internal",
          "x-forwarded-host": "standby.internal",
        },
        1,
      ),
    ).toBeNull();
    // A client-written value before the proxy's own is not trusted.
    expect(refusal({ ...forwarded, "x-forwarded-host": "evil.example, standby.internal" }, 1)).toBe(
      crossSiteMessage,
    );
  });
  test("without Origin, Sec-Fetch-Site decides: cross-site and same-site (a sibling subdomain) are refused", () => {
    expect(refusal({ "sec-fetch-site": "cross-site" })).toBe(crossSiteMessage);
    expect(refusal({ "sec-fetch-site": "same-site" })).toBe(crossSiteMessage);
    expect(refusal({ "sec-fetch-site": "same-origin" })).toBeNull();
  });
  test("every unsafe method is checked; GET and HEAD are not (they change nothing)", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "post"])
      expect(crossSiteRefusal(method, headers({ origin: "https://evil.example" }), [app])).toBe(
        crossSiteMessage,
      );
    expect(crossSiteRefusal("GET", headers({ origin: "https://evil.example" }), [app])).toBeNull();
  });
  test("a request with neither header is not from a browser and passes", () => {
    expect(refusal({})).toBeNull();
  });
  test("the app origin is the scheme, host and port of AUTH_URL", () => {
    expect(originOf("https://standby.example.org/")).toBe(app);
    expect(originOf("http://localhost:3000")).toBe("http://localhost:3000");
  });
});
