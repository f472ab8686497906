/**
 * A small FHIR R4 server on loopback with SMART Backend Services authorization: the practice's EHR
 * in the schedule-sync tests, and (server/cli/fhir-test-server.ts) in a newcomer's demo.
 *
 * Our own rather than a registry package: nothing in the registry is a well-kept in-memory FHIR
 * server with a SMART Backend Services token endpoint. An in-memory FHIR router would still need a
 * token endpoint, paging, fault injection and counters written around it, and would answer a
 * hundred things the sync never asks. This one serves exactly what issue 19 needs and checks
 * exactly what it asks: the client assertion's claims (iss = sub = client id, aud = token URL, a
 * jti never seen before, exp at most five minutes ahead, RS384/ES384 only) against the JWKS
 * published at the address Standby registered; Appointment searches by date with paging and
 * _include; Patient, Practitioner and Location by _id; a bearer token on every search.
 */
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
const MAX_ASSERTION_LIFETIME_SECONDS = 300;

type Resource = {
  resourceType: "Appointment" | "Patient" | "Practitioner" | "Location";
  id: string;
  meta?: { versionId?: string; lastUpdated?: string };
  [field: string]: unknown;
};
type ResourceType = Resource["resourceType"];
const resourceTypes: ResourceType[] = ["Appointment", "Patient", "Practitioner", "Location"];

/** What the next requests to a part of the server answer instead of the real answer. */
export type FhirFault =
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "malformed-json" }
  | { kind: "not-a-bundle" }
  /** The normal page, but its first Appointment has lost its status and start. */
  | { kind: "incomplete-entry" };
export type FaultTarget = "fhir" | "token" | "discovery";

/** A JWKS address (fetched as the EHR would, by default afresh for every assertion), or the keys themselves. */
export type JwksSource =
  { url: string; cacheSeconds?: number } | (() => JSONWebKeySet | Promise<JSONWebKeySet>);

export type FhirTestServerOptions = {
  clientId?: string;
  /** Where the client's public keys are; none yet: register them later (register(), or the /register page). */
  jwks?: JwksSource;
  /** When set, only these scopes are granted (of those asked). */
  grantedScopes?: string[] | null;
  tokenLifetimeSeconds?: number;
  /** The server's clock (assertion and token expiry); tests share one with the client. */
  now?: () => Date;
  /** Page size when _count is not given, and the largest _count honoured. */
  defaultPageSize?: number;
  maxPageSize?: number;
  port?: number;
};

export type FhirTestServerSettings = {
  clientId: string;
  grantedScopes: string[] | null;
  tokenLifetimeSeconds: number;
  defaultPageSize: number;
  maxPageSize: number;
  /** Serve /.well-known/smart-configuration (off: clients must find the token URL in /metadata). */
  smartConfiguration: boolean;
  /** Answer _include (off: clients must read what they miss by _id). */
  includes: boolean;
  /** Next links on another origin (a server that would send the client elsewhere). */
  nextLinkOrigin: string | null;
  /** Every page links to a next one (a server that never stops). */
  endlessPaging: boolean;
};

export type AcceptedAssertion = { header: Record<string, unknown>; claims: JWTPayload };

export type FhirTestServer = {
  baseUrl: string;
  tokenUrl: string;
  settings: FhirTestServerSettings;
  /** What the EHR vendor's portal does: the client id and where its public keys are published. */
  register: (registration: { clientId?: string; jwks: JwksSource }) => void;
  /** Decoded assertions the token endpoint accepted, and the reasons it refused others. */
  acceptedAssertions: AcceptedAssertion[];
  refusedAssertions: string[];
  counters: { tokensIssued: number; requestsServed: number; searches: number };
  /** Every request: method, path with query, status answered. */
  log: { method: string; url: string; status: number }[];
  put: (resource: Resource) => Resource;
  get: (type: ResourceType, id: string) => Resource | undefined;
  update: (type: ResourceType, id: string, change: (resource: Resource) => void) => Resource;
  cancel: (appointmentId: string) => Resource;
  remove: (type: ResourceType, id: string) => void;
  count: (type: ResourceType) => number;
  seedSchedule: (plan: SchedulePlan) => SeededSchedule;
  /** The next `times` requests to a part of the server (FHIR by default), after `after` normal ones, get the fault. */
  failNext: (times: number, fault: FhirFault, where?: { on?: FaultTarget; after?: number }) => void;
  /** Every token issued so far stops working. */
  revokeTokens: () => void;
  close: () => Promise<void>;
};

export async function startFhirTestServer(options: FhirTestServerOptions): Promise<FhirTestServer> {
  const now = options.now ?? (() => new Date());
  const settings: FhirTestServerSettings = {
    clientId: options.clientId ?? "standby-test-client",
    grantedScopes: options.grantedScopes ?? null,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
    defaultPageSize: options.defaultPageSize ?? 50,
    maxPageSize: options.maxPageSize ?? 500,
    smartConfiguration: true,
    includes: true,
    nextLinkOrigin: null,
    endlessPaging: false,
  };
  const verifierOf = (source: JwksSource): JWTVerifyGetKey =>
    typeof source === "function"
      ? async (header, token) => createLocalJWKSet(await source())(header, token)
      : createRemoteJWKSet(new URL(source.url), {
          cacheMaxAge: (source.cacheSeconds ?? 0) * 1000,
          cooldownDuration: 0,
        });
  let keys: JWTVerifyGetKey | null = options.jwks ? verifierOf(options.jwks) : null;
  let registeredJwksUrl: string | null =
    options.jwks && typeof options.jwks !== "function" ? options.jwks.url : null;
  const register = ({ clientId, jwks }: { clientId?: string; jwks: JwksSource }) => {
    if (clientId) settings.clientId = clientId;
    keys = verifierOf(jwks);
    registeredJwksUrl = typeof jwks === "function" ? null : jwks.url;
  };

  const store = new Map<ResourceType, Map<string, Resource>>(
    resourceTypes.map((type) => [type, new Map()]),
  );
  const tokens = new Map<string, { expiresAt: number; scopes: string[] }>();
  const seenJtis = new Set<string>();
  const faults: { target: FaultTarget; fault: FhirFault; after: number }[] = [];
  const counters = { tokensIssued: 0, requestsServed: 0, searches: 0 };
  const log: FhirTestServer["log"] = [];
  const acceptedAssertions: AcceptedAssertion[] = [];
  const refusedAssertions: string[] = [];

  let origin = "";
  const fhirPath = "/fhir/r4";
  const tokenPath = "/auth/token";
  const base = () => `${origin}${fhirPath}`;
  const tokenUrl = () => `${origin}${tokenPath}`;

  const bumpVersion = (resource: Resource) => {
    const version = Number(resource.meta?.versionId ?? 0) + 1;
    resource.meta = { versionId: String(version), lastUpdated: now().toISOString() };
  };
  const put = (resource: Resource) => {
    const copy = structuredClone(resource);
    const existing = store.get(copy.resourceType)!.get(copy.id);
    copy.meta = existing?.meta;
    bumpVersion(copy);
    store.get(copy.resourceType)!.set(copy.id, copy);
    return copy;
  };
  const update = (type: ResourceType, id: string, change: (resource: Resource) => void) => {
    const resource = store.get(type)!.get(id);
    if (!resource) throw new Error(`No ${type}/${id} in the test server.`);
    change(resource);
    bumpVersion(resource);
    return resource;
  };

  // ---- answering -------------------------------------------------------------------------------

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, {
      "content-type": "application/fhir+json; charset=utf-8",
      ...headers,
    });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const outcome = (code: string, diagnostics: string) => ({
    resourceType: "OperationOutcome",
    issue: [{ severity: "error", code, diagnostics }],
  });

  const takeFault = (target: FaultTarget) => {
    const index = faults.findIndex((entry) => entry.target === target);
    if (index === -1) return null;
    if (faults[index]!.after > 0) {
      faults[index]!.after -= 1;
      return null;
    }
    return faults.splice(index, 1)[0]!.fault;
  };

  /** Answers with the fault when it replaces the answer; returns the fault that alters a page. */
  const answerFault = (response: ServerResponse, target: FaultTarget) => {
    const fault = takeFault(target);
    if (!fault) return { answered: false, alter: null };
    switch (fault.kind) {
      case "status": {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
        if (fault.status === 401) headers["www-authenticate"] = 'Bearer error="invalid_token"';
        send(
          response,
          fault.status,
          outcome("transient", `Injected HTTP ${fault.status}`),
          headers,
        );
        return { answered: true, alter: null };
      }
      case "malformed-json":
        send(response, 200, '{"resourceType":"Bundle","type":"searchset","entry":[{"resource":');
        return { answered: true, alter: null };
      case "not-a-bundle":
        send(response, 200, { resourceType: "Parameters", parameter: [] });
        return { answered: true, alter: null };
      case "incomplete-entry":
        return { answered: false, alter: fault };
    }
  };

  // ---- token endpoint --------------------------------------------------------------------------

  const tokenError = (
    response: ServerResponse,
    status: number,
    error: string,
    description: string,
  ) => {
    refusedAssertions.push(description);
    send(
      response,
      status,
      { error, error_description: description },
      {
        "content-type": "application/json",
        "cache-control": "no-store",
      },
    );
  };

  const scopeCovers = (granted: string[], type: ResourceType) =>
    granted.some((scope) => {
      const match = /^system\/(\*|[A-Za-z]+)\.(read|\*|[cruds]+)$/.exec(scope);
      return (
        match !== null &&
        (match[1] === "*" || match[1] === type) &&
        (match[2] === "read" || match[2] === "*" || match[2]!.includes("s"))
      );
    });

  async function answerToken(request: IncomingMessage, response: ServerResponse, body: string) {
    if (request.method !== "POST")
      return send(response, 405, outcome("not-supported", "POST only"));
    if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
      return tokenError(
        response,
        400,
        "invalid_request",
        "The token request must be form-encoded.",
      );
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials")
      return tokenError(
        response,
        400,
        "unsupported_grant_type",
        "Only client_credentials is supported.",
      );
    if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE)
      return tokenError(
        response,
        400,
        "invalid_request",
        `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`,
      );
    const assertion = form.get("client_assertion") ?? "";
    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return tokenError(response, 400, "invalid_request", "client_assertion is not a JWT.");
    }
    if (header.alg !== "RS384" && header.alg !== "ES384")
      return tokenError(
        response,
        401,
        "invalid_client",
        `The assertion is signed with ${String(header.alg)}; only RS384 and ES384 are accepted.`,
      );
    if (!keys)
      return tokenError(
        response,
        401,
        "invalid_client",
        "No JWKS address is registered for this client yet.",
      );
    const current = now();
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(assertion, keys, {
        algorithms: ["RS384", "ES384"],
        issuer: settings.clientId,
        subject: settings.clientId,
        audience: tokenUrl(),
        currentDate: current,
        requiredClaims: ["iss", "sub", "aud", "exp", "jti"],
      }));
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWKSNoMatchingKey
          ? `No key in the registered JWKS matches kid ${String(header.kid)}.`
          : error instanceof joseErrors.JWTClaimValidationFailed
            ? `The assertion's ${error.claim} claim is not right (${error.reason}).`
            : error instanceof joseErrors.JWTExpired
              ? "The assertion has expired."
              : error instanceof joseErrors.JWSSignatureVerificationFailed
                ? "The assertion's signature does not match the registered key."
                : `The assertion could not be verified (${(error as Error).message}).`;
      return tokenError(response, 401, "invalid_client", reason);
    }
    if (claims.exp! - Math.floor(current.getTime() / 1000) > MAX_ASSERTION_LIFETIME_SECONDS)
      return tokenError(
        response,
        401,
        "invalid_client",
        "The assertion's exp is more than five minutes ahead.",
      );
    if (seenJtis.has(claims.jti!))
      return tokenError(
        response,
        401,
        "invalid_client",
        "The assertion's jti was used before (a replay).",
      );
    seenJtis.add(claims.jti!);
    acceptedAssertions.push({ header, claims });

    const asked = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    const granted = asked.filter(
      (scope) => /^system\//.test(scope) && (settings.grantedScopes?.includes(scope) ?? true),
    );
    if (granted.length === 0)
      return tokenError(
        response,
        400,
        "invalid_scope",
        "None of the requested scopes can be granted.",
      );
    const accessToken = randomBytes(24).toString("base64url");
    tokens.set(accessToken, {
      expiresAt: current.getTime() + settings.tokenLifetimeSeconds * 1000,
      scopes: granted,
    });
    counters.tokensIssued += 1;
    send(
      response,
      200,
      {
        access_token: accessToken,
        token_type: "bearer",
        expires_in: settings.tokenLifetimeSeconds,
        scope: granted.join(" "),
      },
      { "content-type": "application/json", "cache-control": "no-store" },
    );
  }

  // ---- discovery -------------------------------------------------------------------------------

  const capabilityStatement = () => ({
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-12-01",
    kind: "instance",
    software: { name: "Standby FHIR test server", version: "1" },
    fhirVersion: "4.0.1",
    format: ["json"],
    rest: [
      {
        mode: "server",
        security: {
          service: [
            {
              coding: [
                {
                  system: "http://terminology.hl7.org/CodeSystem/restful-security-service",
                  code: "SMART-on-FHIR",
                },
              ],
            },
          ],
          extension: [{ url: OAUTH_URIS, extension: [{ url: "token", valueUri: tokenUrl() }] }],
        },
        resource: resourceTypes.map((type) => ({
          type,
          interaction: [{ code: "read" }, { code: "search-type" }],
          searchParam:
            type === "Appointment"
              ? [{ name: "date", type: "date" }]
              : [{ name: "_id", type: "token" }],
          ...(type === "Appointment"
            ? {
                searchInclude: [
                  "Appointment:patient",
                  "Appointment:actor:Practitioner",
                  "Appointment:actor:Location",
                ],
              }
            : {}),
        })),
      },
    ],
  });

  const smartConfiguration = () => ({
    token_endpoint: tokenUrl(),
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
    grant_types_supported: ["client_credentials"],
    scopes_supported: resourceTypes.map((type) => `system/${type}.rs`),
    capabilities: ["client-confidential-asymmetric", "permission-v2"],
  });

  // ---- searches --------------------------------------------------------------------------------

  const dateFilter = (values: string[]) => {
    const tests: ((at: number) => boolean)[] = [];
    for (const value of values) {
      const match = /^(eq|gt|ge|lt|le)?(.+)$/.exec(value)!;
      const at = Date.parse(match[2]!);
      if (Number.isNaN(at)) return null;
      const prefix = match[1] ?? "eq";
      tests.push(
        {
          eq: (t: number) => t === at,
          gt: (t: number) => t > at,
          ge: (t: number) => t >= at,
          lt: (t: number) => t < at,
          le: (t: number) => t <= at,
        }[prefix]!,
      );
    }
    return (at: number) => tests.every((test) => test(at));
  };

  const referenced = (appointment: Resource, type: ResourceType) =>
    ((appointment.participant as { actor?: { reference?: string } }[] | undefined) ?? [])
      .map((participant) => participant.actor?.reference ?? "")
      .filter((reference) => reference.startsWith(`${type}/`))
      .map((reference) => reference.slice(type.length + 1));

  const includeTypes = (values: string[]): ResourceType[] => {
    const types = new Set<ResourceType>();
    for (const value of values) {
      if (value === "Appointment:patient" || value === "Appointment:actor:Patient")
        types.add("Patient");
      if (value === "Appointment:practitioner" || value === "Appointment:actor:Practitioner")
        types.add("Practitioner");
      if (value === "Appointment:location" || value === "Appointment:actor:Location")
        types.add("Location");
      if (value === "Appointment:actor")
        for (const type of ["Patient", "Practitioner", "Location"] as const) types.add(type);
    }
    return [...types];
  };

  function answerSearch(
    response: ServerResponse,
    type: ResourceType,
    query: URLSearchParams,
    scopes: string[],
    alter: FhirFault | null,
  ) {
    counters.searches += 1;
    const countParam = query.get("_count");
    const pageSize = Math.min(
      settings.maxPageSize,
      Math.max(1, countParam === null ? settings.defaultPageSize : Number(countParam) || 1),
    );
    const offset = Math.max(0, Number(query.get("_offset") ?? 0) || 0);
    let matches = [...store.get(type)!.values()];
    const ids = query.getAll("_id").flatMap((value) => value.split(","));
    if (ids.length) matches = matches.filter((resource) => ids.includes(resource.id));
    if (type === "Appointment") {
      const dates = query.getAll("date");
      if (dates.length) {
        const test = dateFilter(dates);
        if (!test) return send(response, 400, outcome("invalid", "date is not a FHIR date."));
        matches = matches.filter(
          (resource) => typeof resource.start === "string" && test(Date.parse(resource.start)),
        );
      }
      matches.sort(
        (a, b) =>
          Date.parse(String(a.start)) - Date.parse(String(b.start)) || a.id.localeCompare(b.id),
      );
    } else matches.sort((a, b) => a.id.localeCompare(b.id));

    const page = matches.slice(offset, offset + pageSize);
    const included = new Map<string, Resource>();
    if (type === "Appointment" && settings.includes)
      for (const includeType of includeTypes(query.getAll("_include"))) {
        if (!scopeCovers(scopes, includeType)) continue;
        for (const appointment of page)
          for (const id of referenced(appointment, includeType)) {
            const resource = store.get(includeType)!.get(id);
            if (resource) included.set(`${includeType}/${id}`, resource);
          }
      }

    const link = (at: number) => {
      const next = new URLSearchParams(query);
      next.set("_offset", String(at));
      return `${settings.nextLinkOrigin ?? origin}${fhirPath}/${type}?${next.toString()}`;
    };
    const hasNext = settings.endlessPaging || offset + pageSize < matches.length;
    const entries: Record<string, unknown>[] = [
      ...page.map((resource) => ({
        fullUrl: `${base()}/${type}/${resource.id}`,
        resource,
        search: { mode: "match" },
      })),
      ...[...included.values()].map((resource) => ({
        fullUrl: `${base()}/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: "include" },
      })),
    ];
    if (alter?.kind === "incomplete-entry") {
      const index = entries.findIndex(
        (entry) => (entry.resource as Resource).resourceType === "Appointment",
      );
      if (index !== -1) {
        const broken = { ...(entries[index]!.resource as Resource) };
        delete broken.status;
        delete broken.start;
        entries[index] = { ...entries[index], resource: broken };
      }
    }
    send(response, 200, {
      resourceType: "Bundle",
      type: "searchset",
      total: matches.length,
      link: [
        { relation: "self", url: link(offset) },
        ...(hasNext ? [{ relation: "next", url: link(offset + pageSize) }] : []),
      ],
      entry: entries,
    });
  }

  // ---- the vendor's registration page (demo) -----------------------------------------------------

  const escapeHtml = (text: string) =>
    text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

  function answerRegistration(request: IncomingMessage, response: ServerResponse, body: string) {
    let note = "";
    if (request.method === "POST") {
      const form = new URLSearchParams(body);
      const jwksUrl = form.get("jwks_url")?.trim() ?? "";
      try {
        register({
          clientId: form.get("client_id")?.trim() || undefined,
          jwks: { url: new URL(jwksUrl).href },
        });
        note = "<p><strong>Registered.</strong> Use Test connection in Standby.</p>";
      } catch {
        note = "<p><strong>That JWKS address is not a URL.</strong></p>";
      }
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><meta charset="utf-8"><title>Register a backend client</title>
<h1>Register a backend client (FHIR test server)</h1>${note}
<p>FHIR base URL: <code>${escapeHtml(base())}</code><br>Token endpoint: <code>${escapeHtml(tokenUrl())}</code></p>
<form method="post">
<p><label>Client id <input name="client_id" value="${escapeHtml(settings.clientId)}" size="40"></label></p>
<p><label>JWKS address <input name="jwks_url" value="${escapeHtml(registeredJwksUrl ?? "")}" size="80" required></label></p>
<p><button>Register</button></p>
</form>`);
  }

  // ---- routing ---------------------------------------------------------------------------------

  async function route(request: IncomingMessage, response: ServerResponse, body: string) {
    const url = new URL(request.url ?? "/", origin);
    if (url.pathname === tokenPath) {
      if (answerFault(response, "token").answered) return;
      return answerToken(request, response, body);
    }
    if (url.pathname === "/register") return answerRegistration(request, response, body);
    if (!url.pathname.startsWith(`${fhirPath}/`))
      return send(response, 404, outcome("not-found", "Not a FHIR address."));
    const path = url.pathname.slice(fhirPath.length + 1);
    if (path === "metadata" || path === ".well-known/smart-configuration") {
      if (answerFault(response, "discovery").answered) return;
      if (path === "metadata") return send(response, 200, capabilityStatement());
      if (!settings.smartConfiguration)
        return send(response, 404, outcome("not-found", "No SMART configuration."));
      return send(response, 200, smartConfiguration(), { "content-type": "application/json" });
    }
    if (request.method !== "GET") return send(response, 405, outcome("not-supported", "GET only"));
    const fault = answerFault(response, "fhir");
    if (fault.answered) return;
    const [type, id, ...rest] = path.split("/");
    if (!resourceTypes.includes(type as ResourceType) || rest.length)
      return send(response, 404, outcome("not-supported", "Unknown resource type."));
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || token.expiresAt <= now().getTime())
      return send(response, 401, outcome("login", "A valid bearer token is required."), {
        "www-authenticate": 'Bearer error="invalid_token"',
      });
    if (!scopeCovers(token.scopes, type as ResourceType))
      return send(response, 403, outcome("forbidden", `The token does not cover ${type}.`));
    if (id) {
      const resource = store.get(type as ResourceType)!.get(id);
      return resource
        ? send(response, 200, resource)
        : send(response, 404, outcome("not-found", `${type}/${id} is not known.`));
    }
    return answerSearch(
      response,
      type as ResourceType,
      url.searchParams,
      token.scopes,
      fault.alter,
    );
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 64_000) chunks.push(chunk);
    });
    request.on("end", () => {
      counters.requestsServed += 1;
      response.on("finish", () =>
        log.push({
          method: request.method ?? "",
          url: request.url ?? "",
          status: response.statusCode,
        }),
      );
      route(request, response, Buffer.concat(chunks).toString("utf8")).catch((error: unknown) => {
        if (!response.headersSent)
          send(response, 500, outcome("exception", (error as Error).message));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: base(),
    tokenUrl: tokenUrl(),
    settings,
    register,
    acceptedAssertions,
    refusedAssertions,
    counters,
    log,
    put,
    get: (type, id) => store.get(type)!.get(id),
    update,
    cancel: (appointmentId) =>
      update("Appointment", appointmentId, (resource) => {
        resource.status = "cancelled";
      }),
    remove: (type, id) => {
      store.get(type)!.delete(id);
    },
    count: (type) => store.get(type)!.size,
    seedSchedule: (plan) => seedSchedule(put, plan),
    failNext: (times, fault, { on = "fhir", after = 0 } = {}) => {
      for (let index = 0; index < times; index += 1)
        faults.push({ target: on, fault, after: index === 0 ? after : 0 });
    },
    revokeTokens: () => tokens.clear(),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- demo data -----------------------------------------------------------------------------------

export type SchedulePlan = {
  /** First day (its UTC midnight); appointments fill working hours of each day from there. */
  from: Date;
  days: number;
  appointments: number;
  patients: number;
  practitioners?: number;
  locations?: number;
};
export type SeededSchedule = {
  appointmentIds: string[];
  patientIds: string[];
  practitionerIds: string[];
  locationIds: string[];
};

const givenNames = [
  "Amara",
  "Bruno",
  "Chiara",
  "Dmitri",
  "Elena",
  "Farah",
  "Gideon",
  "Hana",
  "Idris",
  "Juno",
  "Kalani",
  "Lucia",
  "Mateo",
  "Nadia",
  "Oren",
  "Priya",
  "Quinn",
  "Rosa",
  "Soren",
  "Talia",
  "Umar",
  "Vera",
  "Wren",
  "Ximena",
  "Yusuf",
  "Zara",
];
const familyNames = [
  "Abernathy",
  "Brightwater",
  "Castellano",
  "Delacroix",
  "Everly",
  "Fairbanks",
  "Galloway",
  "Holloway",
  "Ingram",
  "Jessup",
  "Kowalczyk",
  "Lindqvist",
  "Marchetti",
  "Nakamura",
  "Okonkwo",
  "Pemberton",
  "Quintero",
  "Rasmussen",
  "Sorensen",
  "Thornbury",
  "Underhill",
  "Valdivia",
  "Whitcombe",
  "Yardley",
  "Zeller",
];
const languages = ["en", "en", "en", "es", "vi", "zh", "tl", "ar"];
const visitTypes = [
  "Follow-up",
  "New patient",
  "Annual physical",
  "Vaccination",
  "Telehealth",
  "Lab review",
];
const siteNames = ["Main Street Clinic", "Riverside Annex", "Hilltop Office", "Harbor Point"];

/** A small deterministic generator (mulberry32): the same plan gives the same people. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedSchedule(put: (resource: Resource) => Resource, plan: SchedulePlan): SeededSchedule {
  const random = generator(plan.appointments * 7919 + plan.patients);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const practitionerIds = Array.from({ length: plan.practitioners ?? 6 }, (_, index) => {
    const id = `pract-${index + 1}`;
    put({
      resourceType: "Practitioner",
      id,
      name: [
        { use: "official", prefix: ["Dr."], given: [pick(givenNames)], family: pick(familyNames) },
      ],
    });
    return id;
  });
  const locationIds = Array.from({ length: plan.locations ?? 2 }, (_, index) => {
    const id = `loc-${index + 1}`;
    put({ resourceType: "Location", id, name: siteNames[index % siteNames.length]! });
    return id;
  });
  const patientIds = Array.from({ length: plan.patients }, (_, index) => {
    const id = `pat-${index + 1}`;
    const given = pick(givenNames);
    const family = pick(familyNames);
    const year = 1940 + Math.floor(random() * 80);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const language = pick(languages);
    put({
      resourceType: "Patient",
      id,
      name: [{ use: "official", given: [given], family }],
      telecom: [
        { system: "phone", value: `555-01${String(index % 100).padStart(2, "0")}`, use: "mobile" },
        { system: "phone", value: `555-02${String(index % 100).padStart(2, "0")}`, use: "work" },
        { system: "email", value: `${given}.${family}.${index + 1}@example.org`.toLowerCase() },
      ],
      birthDate: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      communication: [
        { language: { coding: [{ system: "urn:ietf:bcp:47", code: language }] }, preferred: true },
      ],
    });
    return id;
  });
  // Spread over the days, 08:00–17:00 UTC in 15-minute slots; busy days share slots between practitioners.
  const slotsPerDay = 36;
  const dayStart = Date.UTC(
    plan.from.getUTCFullYear(),
    plan.from.getUTCMonth(),
    plan.from.getUTCDate(),
  );
  const appointmentIds = Array.from({ length: plan.appointments }, (_, index) => {
    const id = `appt-${index + 1}`;
    const day = index % plan.days;
    const slot = Math.floor(index / plan.days) % slotsPerDay;
    const start = dayStart + day * 86_400_000 + (8 * 60 + slot * 15) * 60_000;
    const minutes = pick([15, 15, 30, 45]);
    put({
      resourceType: "Appointment",
      id,
      status: "booked",
      appointmentType: { text: pick(visitTypes) },
      start: new Date(start).toISOString(),
      end: new Date(start + minutes * 60_000).toISOString(),
      minutesDuration: minutes,
      participant: [
        {
          actor: { reference: `Patient/${patientIds[index % patientIds.length]}` },
          status: "accepted",
        },
        {
          actor: { reference: `Practitioner/${practitionerIds[index % practitionerIds.length]}` },
          status: "accepted",
        },
        {
          actor: { reference: `Location/${locationIds[index % locationIds.length]}` },
          status: "accepted",
        },
      ],
    });
    return id;
  });
  return { appointmentIds, patientIds, practitionerIds, locationIds };
}
