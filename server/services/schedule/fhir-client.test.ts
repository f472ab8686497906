import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { scheduleScopes } from "@/server/contracts/schedule-settings";
import {
  emptyAllowlist,
  parseOutboundAllowlist,
  type OutboundRules,
} from "@/server/domain/outbound-address";
import {
  generateSmartKeyPair,
  jwksDocument,
  type SmartKeyPair,
  type SmartPublicJwk,
} from "@/server/domain/smart-keys";
import {
  startFhirTestServer,
  type FhirTestServer,
  type FhirTestServerOptions,
} from "@/server/test/fhir-server";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import {
  createFhirClient,
  createMemoryTokenCache,
  FhirSyncError,
  requestLabel,
  type FhirClientOptions,
  type FhirConnection,
} from "./fhir-client";

// The test server listens on loopback, which only the allowlist opens.
const rules: OutboundRules = { httpsOnly: false, allow: parseOutboundAllowlist("127.0.0.1") };
const clientId = "standby-lakeside";
const window = { from: new Date("2026-12-07T00:00:00Z"), to: new Date("2026-12-14T00:00:00Z") };

let key: SmartKeyPair;
beforeAll(async () => {
  key = await generateSmartKeyPair("ES384");
});

type Setup = {
  server: FhirTestServer;
  connection: FhirConnection;
  options: FhirClientOptions;
  slept: number[];
  clock: { at: Date };
  client: ReturnType<typeof createFhirClient>;
};
const opened: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function setup({
  appointments = 30,
  patients = 20,
  published,
  server: serverOptions = {},
  client: clientOptions = {},
  connection: connectionFields = {},
}: {
  appointments?: number;
  patients?: number;
  published?: () => SmartPublicJwk[];
  server?: Partial<FhirTestServerOptions>;
  client?: FhirClientOptions;
  connection?: Partial<FhirConnection>;
} = {}): Promise<Setup> {
  const clock = { at: new Date("2026-12-07T06:00:00Z") };
  const now = () => clock.at;
  const server = await startFhirTestServer({
    clientId,
    jwks: () => jwksDocument(published ? published() : [key.publicJwk]),
    now,
    ...serverOptions,
  });
  opened.push(server);
  server.seedSchedule({ from: window.from, days: 7, appointments, patients });
  const slept: number[] = [];
  const connection: FhirConnection = {
    baseUrl: server.baseUrl,
    clientId,
    signingKey: { privateJwk: key.privateJwk, kid: key.kid, alg: key.alg },
    jwksUrl: "https://standby.example/api/fhir/jwks/conn-1",
    ...connectionFields,
  };
  const options: FhirClientOptions = {
    rules,
    now,
    sleep: async (ms) => {
      slept.push(ms);
    },
    tokenCache: createMemoryTokenCache(),
    ...clientOptions,
  };
  return {
    server,
    connection,
    options,
    slept,
    clock,
    client: createFhirClient(connection, options),
  };
}

async function syncError(promise: Promise<unknown>): Promise<FhirSyncError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FhirSyncError);
  return error as FhirSyncError;
}

const searches = (server: FhirTestServer, type = "Appointment") =>
  server.log.filter((entry) => entry.url.startsWith(`/fhir/r4/${type}?`));

describe("getting a token (SMART Backend Services)", () => {
  test("the server verifies the assertion: iss = sub = client id, aud = token URL, a jti, at most five minutes, kid and alg", async () => {
    const { server, client, clock } = await setup();
    await client.fetchSchedule(window);
    expect(server.acceptedAssertions).toHaveLength(1);
    const { header, claims } = server.acceptedAssertions[0]!;
    expect(header).toMatchObject({ alg: "ES384", kid: key.kid });
    expect(claims).toMatchObject({ iss: clientId, sub: clientId, aud: server.tokenUrl });
    expect(claims.jti).toEqual(expect.any(String));
    expect(claims.iat).toBe(clock.at.getTime() / 1000);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    expect(server.refusedAssertions).toEqual([]);
  });

  test("one token serves many requests, and a new one is fetched 60 s before it expires", async () => {
    const { server, client, clock } = await setup({
      appointments: 30,
      client: { limits: { pageSize: 10 } },
      server: { tokenLifetimeSeconds: 600 },
    });
    await client.fetchSchedule(window);
    await client.fetchSchedule(window);
    expect(searches(server).length).toBe(6);
    expect(server.counters.tokensIssued).toBe(1);
    clock.at = new Date(clock.at.getTime() + (600 - 61) * 1000);
    await client.fetchSchedule(window);
    expect(server.counters.tokensIssued).toBe(1);
    clock.at = new Date(clock.at.getTime() + 2_000);
    await client.fetchSchedule(window);
    expect(server.counters.tokensIssued).toBe(2);
  });

  test("the token cache is shared by clients of the same connection, not across connections", async () => {
    const { server, connection, options } = await setup();
    await createFhirClient(connection, options).fetchSchedule(window);
    await createFhirClient(connection, options).fetchSchedule(window);
    expect(server.counters.tokensIssued).toBe(1);
    await createFhirClient(
      { ...connection, baseUrl: `${connection.baseUrl}/` },
      options,
    ).fetchSchedule(window);
    expect(server.counters.tokensIssued).toBe(1);
    const other = await generateSmartKeyPair("RS384");
    await startFhirTestServer({ clientId, jwks: () => jwksDocument([other.publicJwk]) }).then(
      async (second) => {
        opened.push(second);
        second.seedSchedule({ from: window.from, days: 7, appointments: 3, patients: 3 });
        await createFhirClient(
          {
            ...connection,
            baseUrl: second.baseUrl,
            signingKey: { privateJwk: other.privateJwk, kid: other.kid, alg: "RS384" },
          },
          { ...options, now: undefined },
        ).fetchSchedule(window);
        expect(second.counters.tokensIssued).toBe(1);
        expect(second.acceptedAssertions[0]!.header.alg).toBe("RS384");
      },
    );
  });

  test("a 401 gets exactly one fresh token and one more try", async () => {
    const { server, client } = await setup();
    await client.fetchSchedule(window);
    server.revokeTokens();
    const snapshot = await client.fetchSchedule(window);
    expect(snapshot.appointments).toHaveLength(30);
    expect(server.counters.tokensIssued).toBe(2);

    server.failNext(1, { kind: "status", status: 401 });
    await client.fetchSchedule(window);
    expect(server.counters.tokensIssued).toBe(3);
  });

  test("a second 401 after the fresh token fails, naming the request", async () => {
    const { server, client } = await setup();
    server.failNext(2, { kind: "status", status: 401 });
    const error = await syncError(client.fetchSchedule(window));
    expect(error).toMatchObject({ stage: "search", status: 401 });
    expect(error.message).toContain("refused a fresh token too");
    expect(error.request).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/fhir\/r4\/Appointment\?date=ge2026-12-07/,
    );
    expect(server.counters.tokensIssued).toBe(2);
  });
});

describe("busy and failing servers", () => {
  test("429 with Retry-After in seconds: waits that long, then carries on", async () => {
    const { server, client, slept } = await setup();
    server.failNext(1, { kind: "status", status: 429, retryAfter: "7" });
    const snapshot = await client.fetchSchedule(window);
    expect(slept).toEqual([7_000]);
    expect(snapshot.appointments).toHaveLength(30);
  });

  test("429 with Retry-After as an HTTP date: waits until then", async () => {
    const { server, client, slept, clock } = await setup();
    server.failNext(1, {
      kind: "status",
      status: 429,
      retryAfter: new Date(clock.at.getTime() + 12_000).toUTCString(),
    });
    await client.fetchSchedule(window);
    expect(slept).toEqual([12_000]);
  });

  test("a Retry-After longer than two minutes is not waited for", async () => {
    const { server, client, slept } = await setup();
    server.failNext(1, { kind: "status", status: 429, retryAfter: "3600" });
    const error = await syncError(client.fetchSchedule(window));
    expect(error).toMatchObject({ stage: "search", status: 429 });
    expect(error.message).toContain("asked Standby to wait 3600 s; the next sync will try again");
    expect(slept).toEqual([]);
  });

  test("5xx backs off 1 s, 2 s … and succeeds; a server that keeps failing stops after four tries", async () => {
    const { server, client, slept } = await setup();
    server.failNext(2, { kind: "status", status: 503 });
    expect((await client.fetchSchedule(window)).appointments).toHaveLength(30);
    expect(slept).toEqual([1_000, 2_000]);

    slept.length = 0;
    server.failNext(4, { kind: "status", status: 500 });
    const error = await syncError(client.fetchSchedule(window));
    expect(error).toMatchObject({ stage: "search", status: 500 });
    expect(error.message).toBe(
      "The FHIR server kept answering HTTP 500 (4 tries); the next sync will try again.",
    );
    expect(slept).toEqual([1_000, 2_000, 4_000]);
  });

  test("the token endpoint backs off too", async () => {
    const { server, client, slept } = await setup();
    server.failNext(1, { kind: "status", status: 503, retryAfter: "2" }, { on: "token" });
    await client.fetchSchedule(window);
    expect(slept).toEqual([2_000]);
    expect(server.counters.tokensIssued).toBe(1);
  });
});

describe("answers Standby cannot use: an error with the request, never a half snapshot", () => {
  test("malformed JSON", async () => {
    const { server, client } = await setup();
    server.failNext(1, { kind: "malformed-json" });
    const error = await syncError(client.fetchSchedule(window));
    expect(error).toMatchObject({ stage: "search", status: 200 });
    expect(error.message).toBe("The answer for the appointment search (page 1) is not JSON.");
    expect(error.request).toBe(
      `GET ${server.baseUrl}/Appointment?date=ge2026-12-07T00:00:00.000Z&date=lt2026-12-14T00:00:00.000Z&_include=Appointment:patient&_include=Appointment:actor:Practitioner&_include=Appointment:actor:Location&_count=200`,
    );
  });

  test("an answer that is not a Bundle", async () => {
    const { server, client } = await setup();
    server.failNext(1, { kind: "not-a-bundle" });
    const error = await syncError(client.fetchSchedule(window));
    expect(error.message).toContain(
      "is unusable: The answer is not a FHIR Bundle: resourceType has a value",
    );
  });

  test("a later page whose entry lacks required fields fails the whole read, and names no patient", async () => {
    const { server, client } = await setup({ client: { limits: { pageSize: 10 } } });
    server.failNext(1, { kind: "incomplete-entry" }, { after: 1 });
    const error = await syncError(client.fetchSchedule(window));
    expect(error).toMatchObject({ stage: "search", status: 200 });
    expect(error.message).toBe(
      "The answer for the appointment search (page 2) is unusable: Entry 1 (Appointment) is incomplete: status is missing.",
    );
    expect(error.request).toMatch(/\/fhir\/r4\/Appointment\?.*&_offset=10$/);
    expect(searches(server)).toHaveLength(2);
    for (let index = 1; index <= 20; index += 1) {
      const name = (
        server.get("Patient", `pat-${index}`)!.name as { given: string[]; family: string }[]
      )[0]!;
      expect(error.message).not.toContain(name.family);
      expect(error.message).not.toContain(name.given[0]);
    }
  });

  test("a next link to another origin is not followed", async () => {
    const { server, client } = await setup({ client: { limits: { pageSize: 10 } } });
    server.settings.nextLinkOrigin = "http://127.0.0.2:9";
    const error = await syncError(client.fetchSchedule(window));
    expect(error.message).toContain(
      "linked the next page of the appointment search to another address (http://127.0.0.2:9)",
    );
  });

  test("a relative next link is followed on the same server", async () => {
    const { server, client } = await setup({ client: { limits: { pageSize: 10 } } });
    server.settings.nextLinkOrigin = "";
    expect((await client.fetchSchedule(window)).appointments).toHaveLength(30);
    expect(searches(server)).toHaveLength(3);
  });

  test("a server that links to further pages forever fails cleanly at the page limit", async () => {
    const { server, client } = await setup({ client: { limits: { pageSize: 10, maxPages: 8 } } });
    server.settings.endlessPaging = true;
    const error = await syncError(client.fetchSchedule(window));
    expect(error.message).toContain(
      "kept linking to further pages of the appointment search (more than 8)",
    );
    expect(searches(server)).toHaveLength(8);
  });

  test("size limits: a page too large, too many appointments", async () => {
    const large = await setup({ client: { limits: { maxPageBytes: 4_096 } } });
    const tooLarge = await syncError(large.client.fetchSchedule(window));
    expect(tooLarge.message).toContain("The answer is larger than 4 KB");

    const many = await setup({
      appointments: 30,
      client: { limits: { maxAppointments: 25, pageSize: 10 } },
    });
    const tooMany = await syncError(many.client.fetchSchedule(window));
    expect(tooMany.message).toBe(
      "The EHR returned more than 25 appointments for this window; shorten the window (days ahead) for this practice.",
    );
  });

  test("a patient the server cannot produce makes the read incomplete, not a half copy", async () => {
    const { server, client } = await setup();
    server.remove("Patient", "pat-3");
    const error = await syncError(client.fetchSchedule(window));
    expect(error.message).toBe(
      "The schedule read is incomplete: 1 patient that appointments refer to could not be read.",
    );
    expect(searches(server, "Patient")).toHaveLength(1);
  });
});

describe("reading the schedule", () => {
  test("paging across pages yields every appointment once, in time order", async () => {
    const { server, client } = await setup({
      appointments: 45,
      patients: 30,
      client: { limits: { pageSize: 10 } },
    });
    const snapshot = await client.fetchSchedule(window);
    expect(searches(server)).toHaveLength(5);
    expect(snapshot.appointments).toHaveLength(45);
    expect(new Set(snapshot.appointments.map((record) => record.resourceId)).size).toBe(45);
    const times = snapshot.appointments.map((record) => record.startsAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(snapshot.patients).toHaveLength(30);
    expect(snapshot).toMatchObject({ from: window.from, to: window.to });
  });

  test("includes resolve patients, providers and locations without further reads", async () => {
    const { server, client } = await setup();
    const snapshot = await client.fetchSchedule(window);
    expect(searches(server, "Patient")).toHaveLength(0);
    const first = snapshot.appointments.find((record) => record.resourceId === "appt-1")!;
    const appointment = server.get("Appointment", "appt-1")!;
    const practitioner = server.get("Practitioner", "pract-1")!;
    const practitionerName = (
      practitioner.name as { prefix: string[]; given: string[]; family: string }[]
    )[0]!;
    expect(first).toEqual({
      resourceId: "appt-1",
      versionId: "1",
      patientResourceId: "pat-1",
      startsAt: new Date(appointment.start as string),
      minutes: appointment.minutesDuration,
      providerName: `Dr. ${practitionerName.given[0]} ${practitionerName.family}`,
      locationName: "Main Street Clinic",
      visitType: (appointment.appointmentType as { text: string }).text,
      status: "booked",
    });
    const patient = snapshot.patients.find((record) => record.resourceId === "pat-1")!;
    const stored = server.get("Patient", "pat-1")!;
    const storedName = (stored.name as { given: string[]; family: string }[])[0]!;
    expect(patient).toEqual({
      resourceId: "pat-1",
      versionId: "1",
      name: `${storedName.given[0]} ${storedName.family}`,
      phone: "555-0100",
      email: expect.stringMatching(/@example\.org$/),
      preferredLanguage: expect.any(String),
      birthDate: stored.birthDate,
    });
  });

  test("a server without _include: patients, practitioners and locations are read by _id in batches", async () => {
    const withIncludes = await setup({ appointments: 30, patients: 20 });
    const expected = await withIncludes.client.fetchSchedule(window);
    const { server, client } = await setup({
      appointments: 30,
      patients: 20,
      client: { limits: { idsPerRead: 8 } },
    });
    server.settings.includes = false;
    const snapshot = await client.fetchSchedule(window);
    expect(snapshot).toEqual(expected);
    const reads = searches(server, "Patient");
    expect(reads).toHaveLength(3);
    const batches = reads.map((read) =>
      new URL(read.url, server.baseUrl).searchParams.get("_id")!.split(","),
    );
    expect(batches.map((ids) => ids.length)).toEqual([8, 8, 4]);
    expect(new Set(batches.flat()).size).toBe(20);
    expect(searches(server, "Practitioner")).toHaveLength(1);
    expect(searches(server, "Location")).toHaveLength(1);
  });

  test("updates, cancellations and deletions in the EHR show in the next read", async () => {
    const { server, client } = await setup();
    server.update("Appointment", "appt-2", (resource) => {
      resource.minutesDuration = 60;
    });
    server.cancel("appt-3");
    server.remove("Appointment", "appt-4");
    const snapshot = await client.fetchSchedule(window);
    const byId = new Map(snapshot.appointments.map((record) => [record.resourceId, record]));
    expect(byId.get("appt-2")).toMatchObject({ versionId: "2", minutes: 60 });
    expect(byId.get("appt-3")).toMatchObject({ versionId: "2", status: "cancelled" });
    expect(byId.has("appt-4")).toBe(false);
    expect(snapshot.appointments).toHaveLength(29);
  });

  test("the outbound guard applies: loopback without the allowlist is refused before anything is sent", async () => {
    const { server, connection, options } = await setup();
    const guarded = createFhirClient(connection, {
      ...options,
      rules: { httpsOnly: false, allow: emptyAllowlist },
    });
    const error = await syncError(guarded.fetchSchedule(window));
    expect(error.stage).toBe("discovery");
    expect(error.message).toContain("127.0.0.1 is not a public internet address");
    expect(server.counters.requestsServed).toBe(0);
  });
});

describe("key rotation against a published JWKS address", () => {
  let jwksServer: HttpReceiver | undefined;
  afterEach(async () => {
    await jwksServer?.close();
    jwksServer = undefined;
  });

  test("old and new keys both work while both are published; the old one is refused once retired", async () => {
    const fresh = await generateSmartKeyPair("RS384");
    let published = [key.publicJwk, fresh.publicJwk];
    jwksServer = await startHttpReceiver(() => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(jwksDocument(published)),
    }));
    const jwksUrl = `${jwksServer.url}/api/fhir/jwks/conn-1`;
    const { server, connection, options } = await setup({
      server: { jwks: { url: jwksUrl } },
      connection: { jwksUrl },
    });
    const withOld = createFhirClient(connection, options);
    const withNew = createFhirClient(
      {
        ...connection,
        signingKey: { privateJwk: JSON.stringify(fresh.privateJwk), kid: fresh.kid, alg: "RS384" },
      },
      options,
    );
    expect((await withOld.testConnection()).ok).toBe(true);
    expect((await withNew.testConnection()).ok).toBe(true);
    expect(server.acceptedAssertions.map((accepted) => accepted.header.kid)).toEqual([
      key.kid,
      fresh.kid,
    ]);

    published = [fresh.publicJwk];
    const refused = await withOld.testConnection();
    expect(refused).toMatchObject({ ok: false, stage: "token", status: 401 });
    if (!refused.ok)
      expect(refused.message).toBe(
        `The EHR refused Standby's key (the EHR said: "No key in the registered JWKS matches kid ${key.kid}."): register the JWKS address ${jwksUrl} with the vendor for client id "standby-lakeside", and check that the client id is the one the vendor issued.`,
      );
    expect((await withNew.testConnection()).ok).toBe(true);
    expect(jwksServer.received.every((request) => request.path === "/api/fhir/jwks/conn-1")).toBe(
      true,
    );
  });
});

describe("testing a connection", () => {
  test("a working connection: FHIR version, token lifetime, scopes granted", async () => {
    const { client, server } = await setup();
    expect(await client.testConnection()).toEqual({
      ok: true,
      fhirVersion: "4.0.1",
      software: "Standby FHIR test server 1",
      tokenEndpoint: server.tokenUrl,
      tokenExpiresIn: 300,
      grantedScopes: [...scheduleScopes],
      appointmentsTotal: 30,
    });
    expect(server.log.map((entry) => entry.url.replace(/\?.*/, ""))).toEqual([
      "/fhir/r4/metadata",
      "/fhir/r4/.well-known/smart-configuration",
      "/auth/token",
      "/fhir/r4/Appointment",
    ]);
  });

  test("without .well-known/smart-configuration the token endpoint comes from the capability statement", async () => {
    const { client, server } = await setup();
    server.settings.smartConfiguration = false;
    expect(await client.testConnection()).toMatchObject({
      ok: true,
      tokenEndpoint: server.tokenUrl,
    });
    expect((await client.fetchSchedule(window)).appointments).toHaveLength(30);
  });

  test("a wrong base URL fails at discovery, in words", async () => {
    const { server, connection, options } = await setup();
    const wrongPath = await createFhirClient(
      { ...connection, baseUrl: `${server.baseUrl}/wrong` },
      options,
    ).testConnection();
    expect(wrongPath).toEqual({
      ok: false,
      stage: "discovery",
      status: 404,
      request: `GET ${server.baseUrl}/wrong/metadata`,
      message: `The FHIR server's capability statement (${server.baseUrl}/wrong/metadata) answered HTTP 404. Check the FHIR base URL the vendor gave (it usually ends in /R4 or /api/FHIR/R4).`,
    });
    const notAUrl = await createFhirClient(
      { ...connection, baseUrl: "ehr.example/fhir" },
      options,
    ).testConnection();
    expect(notAUrl).toMatchObject({ ok: false, stage: "discovery" });
    if (!notAUrl.ok) expect(notAUrl.message).toContain('"ehr.example/fhir" is not a FHIR base URL');

    const closed = await startFhirTestServer({ jwks: () => jwksDocument([]) });
    await closed.close();
    const unreachable = await createFhirClient(
      { ...connection, baseUrl: closed.baseUrl },
      options,
    ).testConnection();
    expect(unreachable).toMatchObject({ ok: false, stage: "discovery" });
    if (!unreachable.ok)
      expect(unreachable.message).toBe(
        "The FHIR server refused the connection (4 tries). Check the FHIR base URL the vendor gave (it usually ends in /R4 or /api/FHIR/R4).",
      );
  });

  test("a key the EHR does not know fails at the token stage and says what to register", async () => {
    const stranger = await generateSmartKeyPair();
    const { client, server } = await setup({
      connection: {
        signingKey: { privateJwk: stranger.privateJwk, kid: stranger.kid, alg: "ES384" },
      },
    });
    const result = await client.testConnection();
    expect(result).toMatchObject({
      ok: false,
      stage: "token",
      status: 401,
      request: `POST ${server.tokenUrl}`,
    });
    if (!result.ok)
      expect(result.message).toContain(
        "register the JWKS address https://standby.example/api/fhir/jwks/conn-1 with the vendor",
      );
    expect(server.counters.tokensIssued).toBe(0);
  });

  test("another client id fails at the token stage too", async () => {
    const { client } = await setup({ connection: { clientId: "someone-else" } });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, stage: "token" });
    if (!result.ok) expect(result.message).toContain("iss claim is not right");
  });

  test("a token granted without a scope fails at the scope stage, naming it; fetchSchedule refuses too", async () => {
    const { client, server } = await setup({
      server: {
        grantedScopes: ["system/Appointment.rs", "system/Practitioner.rs", "system/Location.rs"],
      },
    });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, stage: "scope" });
    if (!result.ok)
      expect(result.message).toBe(
        'The token was granted without system/Patient.rs: ask the vendor to allow it for client id "standby-lakeside".',
      );
    const error = await syncError(client.fetchSchedule(window));
    expect(error.stage).toBe("scope");
    expect(searches(server)).toHaveLength(0);
  });

  test("no scope grantable at all is a scope-stage failure", async () => {
    const { client } = await setup({ server: { grantedScopes: [] } });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, stage: "scope", status: 400 });
    if (!result.ok) expect(result.message).toContain("The EHR refused the scopes Standby asks for");
  });

  test("a search that fails is a search-stage failure", async () => {
    const { client, server } = await setup();
    server.failNext(1, { kind: "malformed-json" });
    expect(await client.testConnection()).toMatchObject({
      ok: false,
      stage: "search",
      message: "The answer for a one-appointment search is not JSON.",
    });
  });
});

describe("what an error repeats of a request", () => {
  test("dates, paging and includes are kept; ids and opaque values are not", () => {
    expect(
      requestLabel("GET", "https://ehr.example/fhir/Patient?_id=pat-1,pat-2,pat-3&_count=3"),
    ).toBe("GET https://ehr.example/fhir/Patient?_id=(3 ids)&_count=3");
    expect(
      requestLabel("GET", "https://ehr.example/fhir?_getpages=abc123&_getpagesoffset=20"),
    ).toBe("GET https://ehr.example/fhir?_getpages=…&_getpagesoffset=…");
  });
});

describe("speed", () => {
  test("5,000 appointments and 4,000 patients over a week", async () => {
    const { client, server } = await setup({ appointments: 5_000, patients: 4_000 });
    const started = performance.now();
    const snapshot = await client.fetchSchedule(window);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `FHIR read of 5,000 appointments / 4,000 patients: ${seconds.toFixed(2)} s, ${searches(server).length} pages, heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB`,
    );
    expect(snapshot.appointments).toHaveLength(5_000);
    expect(snapshot.patients).toHaveLength(4_000);
    expect(seconds).toBeLessThan(30);
  }, 60_000);
});
