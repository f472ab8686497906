import { describe, expect, test } from "vitest";
import {
  addressAllowed,
  checkOutboundUrl,
  emptyAllowlist,
  isPublicAddress,
  parseOutboundAllowlist,
  type OutboundRules,
} from "./outbound-address";

const production: OutboundRules = { httpsOnly: true, allow: emptyAllowlist };
const development: OutboundRules = { httpsOnly: false, allow: emptyAllowlist };

describe("which addresses are public", () => {
  test.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.20",
    "169.254.169.254", // cloud metadata
    "100.64.0.1", // shared address space (CGNAT)
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00:ec2::254", // a cloud's IPv6 metadata address
    "::ffff:127.0.0.1", // IPv4-mapped loopback
    "::ffff:10.0.0.1",
  ])("%s is not", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
  test.each(["93.184.215.14", "52.96.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
  test("something that is not an address is not", () => {
    expect(isPublicAddress("example.com")).toBe(false);
  });
});

describe("the address a channel sends to", () => {
  test("https is required in production, http allowed elsewhere", () => {
    expect(checkOutboundUrl("http://hooks.example.com/x", production)).toEqual({
      ok: false,
      reason: "Use an https:// address: Standby sends nothing over plain http.",
    });
    expect(checkOutboundUrl("http://hooks.example.com/x", development).ok).toBe(true);
    expect(checkOutboundUrl("https://hooks.example.com/x", production).ok).toBe(true);
    expect(checkOutboundUrl("ftp://hooks.example.com/x", development).ok).toBe(false);
  });
  test("loopback, private, link-local and metadata addresses are refused, written any way", () => {
    for (const url of [
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.5:8443/",
      "https://[::ffff:192.168.0.1]/",
      "https://2130706433/", // 127.0.0.1 as one number: URL normalises it
      "https://0x7f.1/",
      "https://localhost:3000/",
      "https://localhost.:3000/",
      "https://api.localhost/",
      "https://intranet/",
    ]) {
      const check = checkOutboundUrl(url, production);
      expect(check.ok, url).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/not a public internet address/);
    }
  });
  test("credentials in the address and things that are not addresses are refused with a reason", () => {
    const withPassword = checkOutboundUrl("https://user:secret@hooks.example.com/", production);
    expect(withPassword.ok).toBe(false);
    const notAUrl = checkOutboundUrl("hooks dot example", production);
    expect(notAUrl).toEqual({
      ok: false,
      reason: "This is not a web address. Paste the whole address, https://…",
    });
  });
  test("the allowlist opens exactly what it names", () => {
    const rules: OutboundRules = {
      httpsOnly: false,
      allow: parseOutboundAllowlist("localhost, 127.0.0.1, 10.20.0.0/16"),
    };
    expect(checkOutboundUrl("http://localhost:4000/", rules).ok).toBe(true);
    expect(checkOutboundUrl("http://127.0.0.1:4000/", rules).ok).toBe(true);
    expect(checkOutboundUrl("http://10.20.3.4/", rules).ok).toBe(true);
    expect(checkOutboundUrl("http://10.21.3.4/", rules).ok).toBe(false);
    expect(checkOutboundUrl("http://127.0.0.2/", rules).ok).toBe(false);
    expect(addressAllowed("10.20.255.1", rules.allow)).toBe(true);
    expect(addressAllowed("::1", rules.allow)).toBe(false);
  });
  test("in production plain http reaches only an allowlisted local receiver", () => {
    const rules: OutboundRules = {
      httpsOnly: true,
      allow: parseOutboundAllowlist("127.0.0.1, receiver.clinic.lan"),
    };
    expect(checkOutboundUrl("http://127.0.0.1:4000/", rules).ok).toBe(true);
    expect(checkOutboundUrl("http://receiver.clinic.lan/", rules).ok).toBe(true);
    expect(checkOutboundUrl("http://hooks.example.com/", rules).ok).toBe(false);
  });
  test("a malformed allowlist stops with the entry named", () => {
    expect(() => parseOutboundAllowlist("10.0.0.0/99")).toThrow(/"10.0.0.0\/99"/);
    expect(() => parseOutboundAllowlist("not a host!")).toThrow(/"not a host!"/);
    expect(parseOutboundAllowlist("").hosts.size).toBe(0);
  });
});
