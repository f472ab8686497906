import { describe, expect, test } from "vitest";
import {
  clientAddressFrom,
  mailedLinkBase,
  parseTrustProxyHops,
  requestOriginFrom,
  trustProxyHopsMessage,
} from "./forwarded";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the client address for throttling", () => {
  test("with no trusted proxy it is the connecting peer (the last entry, appended by Standby's server), whatever the client wrote", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBe("203.0.113.9");
    expect(
      clientAddressFrom(headers({ "x-forwarded-for": "1.2.3.4, 5.6.7.8, 203.0.113.9" }), 0),
    ).toBe("203.0.113.9");
  });
  test("behind N trusted proxies it is the entry N places before the peer; earlier entries are the client's claims", () => {
    // client → proxy (appends the client, 198.51.100.7) → Standby (appends the proxy, 10.0.0.2)
    expect(
      clientAddressFrom(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 1),
    ).toBe("198.51.100.7");
    expect(
      clientAddressFrom(
        headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.1, 10.0.0.2" }),
        2,
      ),
    ).toBe("198.51.100.7");
  });
  test("a chain shorter than the trusted hops holds no client-written entry: its first entry is used", () => {
    expect(clientAddressFrom(headers({ "x-forwarded-for": "10.0.0.2" }), 1)).toBe("10.0.0.2");
    expect(clientAddressFrom(headers({}), 0)).toBe("unknown");
  });
});

describe("the origin the browser addressed", () => {
  test("with no trusted proxy: plain HTTP to the Host header; forwarded host and scheme are ignored", () => {
    expect(requestOriginFrom(headers({ host: "127.0.0.1:3000" }), 0)).toBe("http://127.0.0.1:3000");
    expect(
      requestOriginFrom(
        headers({
          host: "127.0.0.1:3000",
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        }),
        0,
      ),
    ).toBe("http://127.0.0.1:3000");
  });
  test("behind trusted proxies: the host and scheme the outermost trusted proxy forwarded", () => {
    expect(
      requestOriginFrom(
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "standby.example.org",
          "x-forwarded-proto": "https",
        }),
        1,
      ),
    ).toBe("https://standby.example.org");
    expect(
      requestOriginFrom(
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "evil.example, standby.example.org",
          "x-forwarded-proto": "http, https",
        }),
        1,
      ),
    ).toBe("https://standby.example.org");
    expect(
      requestOriginFrom(headers({ host: "10.0.0.5:3000", "x-forwarded-proto": "https" }), 1),
    ).toBe("https://10.0.0.5:3000");
  });
  test("a host that is not a host (a path, credentials, nothing) gives no origin", () => {
    expect(requestOriginFrom(headers({ host: "evil.example/x" }), 0)).toBeNull();
    expect(requestOriginFrom(headers({ host: "user@evil.example" }), 0)).toBeNull();
    expect(requestOriginFrom(headers({}), 0)).toBeNull();
    expect(requestOriginFrom(headers({ host: "[::1]:3000" }), 0)).toBe("http://[::1]:3000");
  });
});

describe("TRUST_PROXY_HOPS", () => {
  test("unset means 0: Standby is reached directly", () => {
    expect(parseTrustProxyHops(undefined)).toBe(0);
    expect(parseTrustProxyHops(" ")).toBe(0);
    expect(parseTrustProxyHops("2")).toBe(2);
  });
  test("anything but a small whole number is refused with a clear message", () => {
    for (const value of ["-1", "1.5", "yes", "true", "11"])
      expect(() => parseTrustProxyHops(value)).toThrow(trustProxyHopsMessage);
  });
});

describe("where a mailed reset link may point", () => {
  test("the configured address when there is one, whatever the request said", () => {
    expect(mailedLinkBase("http://evil.example", "https://standby.example/")).toBe(
      "https://standby.example",
    );
  });

  test("without one, only this machine's own address; any other Host gets no link", () => {
    expect(mailedLinkBase("http://localhost:3000", undefined)).toBe("http://localhost:3000");
    expect(mailedLinkBase("http://127.0.0.1:3210", undefined)).toBe("http://127.0.0.1:3210");
    expect(mailedLinkBase("http://[::1]:3000", undefined)).toBe("http://[::1]:3000");
    for (const origin of [
      "http://evil.example",
      "http://localhost.evil.example",
      "http://10.0.0.5",
    ])
      expect(mailedLinkBase(origin, undefined)).toBeNull();
    expect(mailedLinkBase("not a url", undefined)).toBeNull();
  });
});
