import "server-only";
import { scheduleScopes } from "@/server/contracts/schedule-settings";
import type { OutboundRules } from "@/server/domain/outbound-address";
import {
  addBundle,
  emptyScheduleResources,
  FhirAnswerError,
  missingReferences,
  nextPageUrl,
  parseBundle,
  scheduleSnapshot,
  type FhirBundle,
  type ScheduleResources,
} from "@/server/domain/fhir-schedule";
import type { ScheduleSnapshot } from "@/server/domain/schedule-copy";
import { signClientAssertion, type SmartSigningKey } from "@/server/domain/smart-keys";
import {
  headerOf,
  outboundRules,
  sendOutbound,
  type OutboundExchange,
  type OutboundRequest,
} from "@/server/services/outbound-http";

/**
 * A practice's EHR over FHIR R4, as a SMART Backend Services client: discovers the token endpoint,
 * gets a token with a signed client assertion (client_credentials), and reads a window of the
 * schedule, every request through the outbound guard. What it reads is mapped by
 * server/domain/fhir-schedule.ts; storing the snapshot is the sync job's.
 *
 * A snapshot is complete or not at all: any page that fails (after the bounded retries) throws a
 * FhirSyncError naming the stage and the request, never a half snapshot. No error message carries
 * patient data: the messages name fields and counts, and a request's patient ids are not repeated.
 */

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

export type FhirStage = "discovery" | "token" | "scope" | "search";

export class FhirSyncError extends Error {
  constructor(
    readonly stage: FhirStage,
    message: string,
    /** "GET <url>" (or POST), query values that could identify anyone left out. */
    readonly request: string,
    readonly status?: number,
    /** The outbound guard refused the address: nothing was sent. */
    readonly refused = false,
  ) {
    super(message);
    this.name = "FhirSyncError";
  }
}

export type FhirConnection = {
  baseUrl: string;
  clientId: string;
  signingKey: SmartSigningKey;
  /** Space-separated; scheduleScopes when not given. */
  scopes?: string;
  /** Standby's JWKS address for this connection, quoted when the EHR refuses the key. */
  jwksUrl?: string;
};

export type CachedToken = { accessToken: string; expiresAt: number; scopes: string[] };
export type TokenCache = {
  get: (key: string) => CachedToken | undefined;
  set: (key: string, token: CachedToken) => void;
  delete: (key: string) => void;
};

/** Tokens kept in this process's memory: one per connection (a new one replaces the old). */
export function createMemoryTokenCache(): TokenCache {
  const tokens = new Map<string, CachedToken>();
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => tokens.set(key, token),
    delete: (key) => tokens.delete(key),
  };
}

/** The default: one process's tokens. A token is only a cache, so another process simply gets its own. */
export const processTokenCache = createMemoryTokenCache();

type RequestParts = Pick<OutboundRequest, "method" | "headers" | "body">;

export type OutboundSend = (url: string, request: OutboundRequest) => Promise<OutboundExchange>;

export type FhirLimits = {
  /** _count asked of the server (it may send fewer). */
  pageSize: number;
  maxPageBytes: number;
  maxAppointments: number;
  /** Pages of one search, so a server that links on forever fails cleanly. */
  maxPages: number;
  /** Tries of one request answered 429, 5xx or not at all. */
  maxAttempts: number;
  /** Back-off without Retry-After: 1 s, 2 s, 4 s … up to this. */
  maxBackoffMs: number;
  /** A longer Retry-After than this is not waited for: the next sync tries again. */
  maxRetryAfterMs: number;
  timeoutMs: number;
  /** Ids in one batched read (Patient?_id=a,b,c). */
  idsPerRead: number;
};

export const defaultFhirLimits: FhirLimits = {
  pageSize: 200,
  maxPageBytes: 20 * 1024 * 1024,
  maxAppointments: 20_000,
  maxPages: 500,
  maxAttempts: 4,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 30_000,
  idsPerRead: 50,
};

export type FhirClientOptions = {
  /** How a request is sent: the guarded sender by default. */
  send?: OutboundSend;
  /** The outbound guard's rules for the default sender: OUTBOUND_ALLOWLIST's by default. */
  rules?: OutboundRules;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  tokenCache?: TokenCache;
  limits?: Partial<FhirLimits>;
};

export type ConnectionTestResult =
  | {
      ok: true;
      fhirVersion: string;
      software: string | null;
      tokenEndpoint: string;
      tokenExpiresIn: number;
      grantedScopes: string[];
      /** The server's count of all appointments it would search, when it says. */
      appointmentsTotal: number | null;
    }
  | { ok: false; stage: FhirStage; message: string; request?: string; status?: number };

export type FhirClient = {
  testConnection: () => Promise<ConnectionTestResult>;
  fetchSchedule: (window: { from: Date; to: Date }) => Promise<ScheduleSnapshot>;
};

/** What a request is, for an error: the query's patient ids and opaque values are not repeated. */
export function requestLabel(method: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${method} (an address that is not a URL)`;
  }
  const kept = new Set([
    "date",
    "_count",
    "_include",
    "_revinclude",
    "_sort",
    "_offset",
    "_elements",
  ]);
  const parts = [...parsed.searchParams].map(([name, value]) => {
    if (kept.has(name)) return `${name}=${value}`;
    if (name === "_id") {
      const count = value.split(",").length;
      return `_id=(${count} id${count === 1 ? "" : "s"})`;
    }
    return `${name}=…`;
  });
  return `${method} ${parsed.origin}${parsed.pathname}${parts.length ? `?${parts.join("&")}` : ""}`;
}

const parseScopes = (text: string) => text.split(/\s+/).filter(Boolean);

/** Whether a granted scope covers a wanted one (v1 ".read" and wildcards count). */
export function scopeGranted(wanted: string, granted: readonly string[]): boolean {
  const want = /^system\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(wanted);
  if (!want) return granted.includes(wanted);
  const needs = want[2] === "read" ? "rs" : want[2]!;
  return granted.some((scope) => {
    const has = /^system\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
    if (!has || (has[1] !== "*" && has[1] !== want[1])) return false;
    const allows = has[2] === "read" || has[2] === "*" ? "cruds" : has[2]!;
    return [...needs].every((letter) => allows.includes(letter));
  });
}

const quoteOf = (text: unknown) =>
  typeof text === "string" && text.trim() ? ` (the EHR said: "${text.trim().slice(0, 200)}")` : "";

function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function resolvedUrl(link: string, from: string): URL | null {
  try {
    return new URL(link, from);
  } catch {
    return null;
  }
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const fhirVersionOk = (version: unknown) => typeof version === "string" && /^4\.0\./.test(version);

export function createFhirClient(
  connection: FhirConnection,
  options: FhirClientOptions = {},
): FhirClient {
  const limits = { ...defaultFhirLimits, ...options.limits };
  const now = options.now ?? (() => new Date());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tokenCache = options.tokenCache ?? processTokenCache;
  const send: OutboundSend =
    options.send ??
    ((url, request) => sendOutbound(url, request, options.rules ?? outboundRules()));
  const base = connection.baseUrl.trim().replace(/\/+$/, "");
  const scopes = parseScopes(connection.scopes ?? scheduleScopes.join(" "));
  const cacheKey = [base, connection.clientId, connection.signingKey.kid, scopes.join(" ")].join(
    "\n",
  );
  let tokenEndpoint: string | null = null;
  let capability: Record<string, unknown> | null = null;

  /**
   * Sends one request, trying again after 429 and 5xx (and a network failure) with back-off, up to
   * maxAttempts. Returns the final answer whatever its status; throws only when nothing answered.
   */
  async function exchange(
    stage: FhirStage,
    url: string,
    request: RequestParts | (() => Promise<RequestParts>),
    peer: string,
  ): Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }> {
    const label = requestLabel("method" in request ? request.method : "POST", url);
    for (let attempt = 1; ; attempt += 1) {
      const result = await send(url, {
        ...(typeof request === "function" ? await request() : request),
        timeoutMs: limits.timeoutMs,
        maxBodyBytes: limits.maxPageBytes,
        userAgent: "Standby-Schedule-Sync/1",
        peer,
      });
      if (!result.ok) {
        if (result.problem.kind === "refused")
          throw new FhirSyncError(
            stage,
            `Standby may not connect there: ${result.problem.message}`,
            label,
            undefined,
            true,
          );
        if (attempt >= limits.maxAttempts)
          throw new FhirSyncError(
            stage,
            `${result.problem.message.replace(/\.$/, "")} (${attempt} tries).`,
            label,
          );
        await sleep(Math.min(limits.maxBackoffMs, 1000 * 2 ** (attempt - 1)));
        continue;
      }
      const { response } = result;
      if (response.truncated)
        throw new FhirSyncError(
          stage,
          `The answer is larger than ${sizeText(limits.maxPageBytes)}; Standby does not read answers that large. Ask for smaller pages or a shorter window.`,
          label,
          response.status,
        );
      const busy = response.status === 429 || response.status >= 500;
      if (!busy) return { status: response.status, headers: response.headers, body: response.body };
      const said = retryAfterMs(headerOf(response.headers, "retry-after"), now());
      if (said !== null && said > limits.maxRetryAfterMs)
        throw new FhirSyncError(
          stage,
          `The ${peer} is busy (HTTP ${response.status}) and asked Standby to wait ${Math.round(said / 1000)} s; the next sync will try again.`,
          label,
          response.status,
        );
      if (attempt >= limits.maxAttempts)
        throw new FhirSyncError(
          stage,
          `The ${peer} kept answering HTTP ${response.status} (${attempt} tries); the next sync will try again.`,
          label,
          response.status,
        );
      await sleep(said ?? Math.min(limits.maxBackoffMs, 1000 * 2 ** (attempt - 1)));
    }
  }

  function jsonOf(
    stage: FhirStage,
    url: string,
    method: string,
    status: number,
    body: Buffer,
    what: string,
  ): unknown {
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw new FhirSyncError(stage, `${what} is not JSON.`, requestLabel(method, url), status);
    }
  }

  // ---- discovery -------------------------------------------------------------------------------

  const baseUrlAdvice =
    "Check the FHIR base URL the vendor gave (it usually ends in /R4 or /api/FHIR/R4).";

  function checkedBase(): string {
    try {
      const url = new URL(base);
      if (url.search || url.hash) throw new Error("query");
      return base;
    } catch {
      throw new FhirSyncError(
        "discovery",
        `"${connection.baseUrl}" is not a FHIR base URL: paste the whole https:// address without a query.`,
        `GET ${connection.baseUrl}`,
      );
    }
  }

  async function readCapabilityStatement(): Promise<Record<string, unknown>> {
    if (capability) return capability;
    const url = `${checkedBase()}/metadata`;
    const answer = await exchange(
      "discovery",
      url,
      { method: "GET", headers: { accept: "application/fhir+json" } },
      "FHIR server",
    ).catch((error: unknown) => {
      // Nothing answered at all: most often a mistyped address.
      if (error instanceof FhirSyncError && error.status === undefined && !error.refused)
        throw new FhirSyncError("discovery", `${error.message} ${baseUrlAdvice}`, error.request);
      throw error;
    });
    if (answer.status !== 200)
      throw new FhirSyncError(
        "discovery",
        `The FHIR server's capability statement (${base}/metadata) answered HTTP ${answer.status}. ${baseUrlAdvice}`,
        requestLabel("GET", url),
        answer.status,
      );
    const json = jsonOf(
      "discovery",
      url,
      "GET",
      answer.status,
      answer.body,
      "The capability statement",
    );
    if (
      !json ||
      typeof json !== "object" ||
      (json as { resourceType?: unknown }).resourceType !== "CapabilityStatement"
    )
      throw new FhirSyncError(
        "discovery",
        `${base}/metadata answered, but not with a FHIR capability statement. ${baseUrlAdvice}`,
        requestLabel("GET", url),
        answer.status,
      );
    capability = json as Record<string, unknown>;
    return capability;
  }

  function tokenUriOf(statement: Record<string, unknown>): string | null {
    const rests = Array.isArray(statement.rest)
      ? (statement.rest as Record<string, unknown>[])
      : [];
    for (const rest of rests) {
      const security = rest.security as
        | { extension?: { url?: string; extension?: { url?: string; valueUri?: string }[] }[] }
        | undefined;
      const uris = security?.extension?.find((extension) => extension.url === OAUTH_URIS);
      const token = uris?.extension?.find((extension) => extension.url === "token")?.valueUri;
      if (token) return token;
    }
    return null;
  }

  /** The token endpoint: from .well-known/smart-configuration, else the capability statement's oauth-uris. */
  async function discoverTokenEndpoint(): Promise<string> {
    if (tokenEndpoint) return tokenEndpoint;
    const url = `${checkedBase()}/.well-known/smart-configuration`;
    // A server that fails here may still name its token endpoint in its capability statement.
    const answer = await exchange(
      "discovery",
      url,
      { method: "GET", headers: { accept: "application/json" } },
      "FHIR server",
    ).catch((error: unknown) => {
      if (error instanceof FhirSyncError) return null;
      throw error;
    });
    if (answer?.status === 200) {
      try {
        const found = (JSON.parse(answer.body.toString("utf8")) as { token_endpoint?: unknown })
          .token_endpoint;
        if (typeof found === "string" && found) return (tokenEndpoint = found);
      } catch {
        // Not JSON: the capability statement may still say.
      }
    }
    const fromStatement = tokenUriOf(await readCapabilityStatement());
    if (fromStatement) return (tokenEndpoint = fromStatement);
    throw new FhirSyncError(
      "discovery",
      "The FHIR server does not say where to get a token (no .well-known/smart-configuration and no oauth-uris in its capability statement). Ask the vendor whether SMART Backend Services are enabled for this server.",
      requestLabel("GET", url),
    );
  }

  // ---- token -----------------------------------------------------------------------------------

  const registerAdvice = () =>
    `register ${connection.jwksUrl ? `the JWKS address ${connection.jwksUrl}` : "Standby's JWKS address"} with the vendor for client id "${connection.clientId}", and check that the client id is the one the vendor issued`;

  async function freshToken(): Promise<CachedToken> {
    const url = await discoverTokenEndpoint();
    const issuedAt = now();
    // Each try carries a newly signed assertion: the server may have used up the last one's jti.
    const signedForm = async () => {
      const assertion = await signClientAssertion({
        clientId: connection.clientId,
        tokenUrl: url,
        signingKey: connection.signingKey,
        now: now(),
      }).catch((error: unknown) => {
        throw new FhirSyncError(
          "token",
          `Standby's signing key for this connection cannot sign (${(error as Error).message}); generate a new key and register it with the vendor.`,
          requestLabel("POST", url),
        );
      });
      return {
        method: "POST" as const,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          scope: scopes.join(" "),
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
        }).toString(),
      };
    };
    const answer = await exchange("token", url, signedForm, "token endpoint");
    const label = requestLabel("POST", url);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>;
    } catch {
      if (answer.status === 200)
        throw new FhirSyncError(
          "token",
          "The token endpoint's answer is not JSON.",
          label,
          answer.status,
        );
    }
    if (answer.status !== 200) {
      const error = typeof json.error === "string" ? json.error : null;
      const said = quoteOf(json.error_description);
      if (error === "invalid_scope")
        throw new FhirSyncError(
          "scope",
          `The EHR refused the scopes Standby asks for${said}: ask the vendor to allow ${scopes.join(", ")} for client id "${connection.clientId}".`,
          label,
          answer.status,
        );
      if (error === "invalid_client" || error === "unauthorized_client" || answer.status === 401)
        throw new FhirSyncError(
          "token",
          `The EHR refused Standby's key${said}: ${registerAdvice()}.`,
          label,
          answer.status,
        );
      throw new FhirSyncError(
        "token",
        `The token endpoint answered HTTP ${answer.status}${error ? ` (${error})` : ""}${said}.`,
        label,
        answer.status,
      );
    }
    const accessToken = json.access_token;
    const expiresIn =
      typeof json.expires_in === "number" ? json.expires_in : Number(json.expires_in);
    if (typeof accessToken !== "string" || !accessToken)
      throw new FhirSyncError(
        "token",
        "The token endpoint's answer has no access_token.",
        label,
        answer.status,
      );
    if (typeof json.token_type !== "string" || json.token_type.toLowerCase() !== "bearer")
      throw new FhirSyncError(
        "token",
        "The token endpoint gave a token that is not a bearer token.",
        label,
        answer.status,
      );
    if (!Number.isFinite(expiresIn) || expiresIn <= 0)
      throw new FhirSyncError(
        "token",
        "The token endpoint's answer does not say when the token expires (expires_in).",
        label,
        answer.status,
      );
    const token: CachedToken = {
      accessToken,
      expiresAt: issuedAt.getTime() + expiresIn * 1000,
      // Granted as asked when the server does not repeat the scope (RFC 6749 §5.1).
      scopes: typeof json.scope === "string" ? parseScopes(json.scope) : scopes,
    };
    tokenCache.set(cacheKey, token);
    return token;
  }

  /** The cached token while more than a minute is left, else a fresh one. */
  async function accessToken(): Promise<CachedToken> {
    const cached = tokenCache.get(cacheKey);
    if (cached && cached.expiresAt - 60_000 > now().getTime()) return cached;
    return freshToken();
  }

  function missingScopes(token: CachedToken): string[] {
    return scopes.filter((scope) => !scopeGranted(scope, token.scopes));
  }

  function scopeError(missing: string[]): FhirSyncError {
    return new FhirSyncError(
      "scope",
      `The token was granted without ${missing.join(", ")}: ask the vendor to allow ${missing.length === 1 ? "it" : "them"} for client id "${connection.clientId}".`,
      `POST ${tokenEndpoint ?? "token endpoint"}`,
    );
  }

  // ---- searches --------------------------------------------------------------------------------

  /** One GET with the bearer token; a 401 gets exactly one fresh token and one more try. */
  async function fhirGet(url: string, what: string): Promise<FhirBundle> {
    const label = requestLabel("GET", url);
    let token = await accessToken();
    let renewed = false;
    for (;;) {
      const answer = await exchange(
        "search",
        url,
        {
          method: "GET",
          headers: {
            accept: "application/fhir+json",
            authorization: `Bearer ${token.accessToken}`,
          },
        },
        "FHIR server",
      );
      if (answer.status === 401) {
        tokenCache.delete(cacheKey);
        if (renewed)
          throw new FhirSyncError(
            "search",
            `The FHIR server refused a fresh token too (HTTP 401) for ${what}: the vendor may have withdrawn Standby's access.`,
            label,
            401,
          );
        renewed = true;
        token = await freshToken();
        continue;
      }
      if (answer.status === 403)
        throw new FhirSyncError(
          "search",
          `The FHIR server refused ${what} (HTTP 403): ask the vendor to allow ${scopes.join(", ")} for client id "${connection.clientId}".`,
          label,
          403,
        );
      if (answer.status !== 200)
        throw new FhirSyncError(
          "search",
          `The FHIR server answered HTTP ${answer.status} for ${what}.`,
          label,
          answer.status,
        );
      const json = jsonOf(
        "search",
        url,
        "GET",
        answer.status,
        answer.body,
        `The answer for ${what}`,
      );
      try {
        return parseBundle(json);
      } catch (error) {
        if (error instanceof FhirAnswerError)
          throw new FhirSyncError(
            "search",
            `The answer for ${what} is unusable: ${error.message}`,
            label,
            answer.status,
          );
        throw error;
      }
    }
  }

  /** Every page of a search, added to `resources`; appointments counted against the limit. */
  async function searchAll(
    firstUrl: string,
    what: string,
    resources: ScheduleResources,
    counted: { appointments: number },
  ) {
    let url: string | null = firstUrl;
    for (let page = 1; url; page += 1) {
      if (page > limits.maxPages)
        throw new FhirSyncError(
          "search",
          `The FHIR server kept linking to further pages of ${what} (more than ${limits.maxPages}); Standby stopped rather than loop.`,
          requestLabel("GET", url),
        );
      const bundle = await fhirGet(url, `${what} (page ${page})`);
      try {
        counted.appointments += addBundle(resources, bundle);
      } catch (error) {
        if (error instanceof FhirAnswerError)
          throw new FhirSyncError(
            "search",
            `The answer for ${what} (page ${page}) is unusable: ${error.message}`,
            requestLabel("GET", url),
            200,
          );
        throw error;
      }
      if (counted.appointments > limits.maxAppointments)
        throw new FhirSyncError(
          "search",
          `The EHR returned more than ${limits.maxAppointments.toLocaleString("en-US")} appointments for this window; shorten the window (days ahead) for this practice.`,
          requestLabel("GET", url),
        );
      const linked = nextPageUrl(bundle);
      const next: URL | null = linked === null ? null : resolvedUrl(linked, url);
      if (linked !== null && !next)
        throw new FhirSyncError(
          "search",
          `The FHIR server's link to the next page of ${what} is not an address.`,
          requestLabel("GET", url),
        );
      if (next && next.origin !== new URL(base).origin)
        throw new FhirSyncError(
          "search",
          `The FHIR server linked the next page of ${what} to another address (${next.origin}); Standby only follows pages on ${new URL(base).origin}.`,
          requestLabel("GET", url),
        );
      url = next?.href ?? null;
    }
  }

  async function fetchSchedule(window: { from: Date; to: Date }): Promise<ScheduleSnapshot> {
    if (!(window.from.getTime() < window.to.getTime()))
      throw new Error("The schedule window must end after it starts.");
    await discoverTokenEndpoint();
    const token = await accessToken();
    const missing = missingScopes(token);
    if (missing.length) throw scopeError(missing);

    const resources = emptyScheduleResources();
    const counted = { appointments: 0 };
    const query = new URLSearchParams();
    query.append("date", `ge${window.from.toISOString()}`);
    query.append("date", `lt${window.to.toISOString()}`);
    query.append("_include", "Appointment:patient");
    query.append("_include", "Appointment:actor:Practitioner");
    query.append("_include", "Appointment:actor:Location");
    query.append("_count", String(limits.pageSize));
    await searchAll(
      `${base}/Appointment?${query.toString()}`,
      "the appointment search",
      resources,
      counted,
    );

    // What the server did not include (or a server without _include): read by _id, in batches.
    const unread = missingReferences(resources);
    const batches: [string, string[]][] = [
      ["Patient", unread.patients],
      ["Practitioner", unread.practitioners],
      ["Location", unread.locations],
    ];
    for (const [type, ids] of batches)
      for (let start = 0; start < ids.length; start += limits.idsPerRead) {
        const chunk = ids.slice(start, start + limits.idsPerRead);
        const read = new URLSearchParams({ _id: chunk.join(","), _count: String(chunk.length) });
        await searchAll(
          `${base}/${type}?${read.toString()}`,
          `the ${type} read`,
          resources,
          counted,
        );
      }

    try {
      return scheduleSnapshot(resources, window, now());
    } catch (error) {
      if (error instanceof FhirAnswerError)
        throw new FhirSyncError(
          "search",
          `The schedule read is incomplete: ${error.message}`,
          `GET ${base}/Appointment`,
        );
      throw error;
    }
  }

  async function testConnection(): Promise<ConnectionTestResult> {
    try {
      const statement = await readCapabilityStatement();
      if (!fhirVersionOk(statement.fhirVersion))
        throw new FhirSyncError(
          "discovery",
          `The server speaks FHIR ${typeof statement.fhirVersion === "string" ? statement.fhirVersion : "of an unknown version"}; Standby needs FHIR R4 (4.0.x). ${baseUrlAdvice}`,
          requestLabel("GET", `${base}/metadata`),
        );
      const endpoint = await discoverTokenEndpoint();
      const token = await freshToken();
      const missing = missingScopes(token);
      if (missing.length) throw scopeError(missing);
      const probe = await fhirGet(`${base}/Appointment?_count=1`, "a one-appointment search");
      const software = statement.software as { name?: unknown; version?: unknown } | undefined;
      return {
        ok: true,
        fhirVersion: statement.fhirVersion as string,
        software:
          typeof software?.name === "string"
            ? `${software.name}${typeof software.version === "string" ? ` ${software.version}` : ""}`
            : null,
        tokenEndpoint: endpoint,
        tokenExpiresIn: Math.round((token.expiresAt - now().getTime()) / 1000),
        grantedScopes: token.scopes,
        appointmentsTotal: probe.total ?? null,
      };
    } catch (error) {
      if (!(error instanceof FhirSyncError)) throw error;
      return {
        ok: false,
        stage: error.stage,
        message: error.message,
        request: error.request,
        ...(error.status === undefined ? {} : { status: error.status }),
      };
    }
  }

  return { testConnection, fetchSchedule };
}
