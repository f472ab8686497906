import ipaddr from "ipaddr.js";

/**
 * Where Standby may send a request (a Teams, Slack or signed-webhook channel, an SMS provider): a
 * guard against server-side request forgery. An MSP admin types these addresses; without the guard
 * one could point a channel at the app's own network (a database's admin page, a cloud's metadata
 * service at 169.254.169.254) and read answers through the delivery log.
 *
 * - https only in production (plain http is allowed elsewhere, and to allowlisted local receivers);
 * - no user name or password in the address;
 * - only public unicast addresses: no loopback, private, link-local (metadata), shared (CGNAT),
 *   unique-local, multicast or reserved ranges — checked on the address typed and again on every
 *   address the name resolves to when sending (outbound-http.ts), so a name that resolves somewhere
 *   private later is still refused;
 * - except what OUTBOUND_ALLOWLIST names: host names and addresses or ranges (CIDR), comma-separated,
 *   for tests and on-premises installs that deliver to receivers on their own network.
 */
export type OutboundRules = { httpsOnly: boolean; allow: OutboundAllowlist };
export type OutboundAllowlist = {
  hosts: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
};

export const emptyAllowlist: OutboundAllowlist = { hosts: new Set(), ranges: [] };

/** OUTBOUND_ALLOWLIST: "localhost, 127.0.0.1, 10.20.0.0/16, ::1". Throws on an entry that is neither. */
export function parseOutboundAllowlist(raw: string | undefined): OutboundAllowlist {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of (raw ?? "").split(",").map((part) => part.trim().toLowerCase())) {
    if (!entry) continue;
    if (entry.includes("/")) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new Error(
          `OUTBOUND_ALLOWLIST: "${entry}" is not an address range such as 10.0.0.0/8.`,
        );
      }
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      hosts.add(entry);
    } else {
      throw new Error(`OUTBOUND_ALLOWLIST: "${entry}" is neither a host name nor an address.`);
    }
  }
  return { hosts, ranges };
}

/** True for an address on the public internet (IPv4-mapped IPv6 is judged as the IPv4 it carries). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export function addressAllowed(address: string, allow: OutboundAllowlist): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (isPublicAddress(address)) return true;
  const parsed = ipaddr.process(address);
  return allow.ranges.some(
    ([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits),
  );
}

/** The host of a URL without IPv6 brackets or a final dot ("localhost." is localhost), lower case. */
export function bareHost(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

export type OutboundCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The typed address, before any name is resolved: what is wrong with it, in words. */
export function checkOutboundUrl(raw: string, rules: OutboundRules): OutboundCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "This is not a web address. Paste the whole address, https://…" };
  }
  const host = bareHost(url);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && plainTextAllowed(host, rules)))
    return {
      ok: false,
      reason: rules.httpsOnly
        ? "Use an https:// address: Standby sends nothing over plain http."
        : "Use an http:// or https:// address.",
    };
  if (url.username || url.password)
    return {
      ok: false,
      reason: "Leave the user name and password out of the address; use the channel's secret.",
    };
  const refusal = hostRefusal(host, rules);
  return refusal ? { ok: false, reason: refusal } : { ok: true, url };
}

/**
 * Whether something may travel unencrypted (http, SMTP without TLS) to this host: anywhere outside
 * production; in production only to an allowlisted receiver that is not on the internet (on site).
 */
export function plainTextAllowed(host: string, rules: OutboundRules): boolean {
  const allowlisted =
    rules.allow.hosts.has(host) || (ipaddr.isValid(host) && addressAllowed(host, rules.allow));
  return !rules.httpsOnly || (allowlisted && !isPublicHost(host));
}

/**
 * What is wrong with a host (a lower-case name without a final dot, or an address) before it is
 * resolved; null when nothing. A name is judged again on what it resolves to (resolvedRefusal).
 */
export function hostRefusal(
  host: string,
  rules: OutboundRules,
  advice = RECEIVER_ADVICE,
): string | null {
  if (rules.allow.hosts.has(host)) return null;
  if (ipaddr.isValid(host))
    return addressAllowed(host, rules.allow) ? null : privateAddressReason(host, advice);
  if (host === "localhost" || host.endsWith(".localhost") || !host.includes("."))
    return privateAddressReason(host, advice);
  return null;
}

/**
 * The reason to refuse a name for the addresses it resolved to (any one not public and not
 * allowlisted, or none at all); null when every one may be reached. An allowlisted name may resolve
 * anywhere.
 */
export function resolvedRefusal(
  hostname: string,
  addresses: readonly string[],
  allow: OutboundAllowlist,
  advice = RECEIVER_ADVICE,
): string | null {
  const named = allow.hosts.has(hostname.toLowerCase());
  const refused = addresses.find((address) => !named && !addressAllowed(address, allow));
  if (refused === undefined && addresses.length > 0) return null;
  return privateAddressReason(`${hostname} (${refused ?? "no address"})`, advice);
}

/** A public address literal (a name is judged when it resolves). */
const isPublicHost = (host: string) => ipaddr.isValid(host) && isPublicAddress(host);

const RECEIVER_ADVICE = "Use the receiver's public https address.";

export function privateAddressReason(hostOrAddress: string, advice = RECEIVER_ADVICE): string {
  return `${hostOrAddress} is not a public internet address (loopback, private, link-local and metadata addresses are refused). ${advice}`;
}
