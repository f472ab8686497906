import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  generateSmartKeyPair,
  jwksDocument,
  signClientAssertion,
  type SmartKeyPair,
  type SmartPublicJwk,
} from "@/server/domain/smart-keys";
import { CLIENT_ASSERTION_TYPE, startFhirTestServer, type FhirTestServer } from "./fhir-server";

// The client tests rely on these refusals: if the test server accepted anything, they could not fail.
const clientId = "standby-lakeside";
let key: SmartKeyPair;
let published: SmartPublicJwk[];
let server: FhirTestServer;
beforeAll(async () => {
  key = await generateSmartKeyPair();
  published = [key.publicJwk];
  server = await startFhirTestServer({ clientId, jwks: () => jwksDocument(published) });
  server.seedSchedule({
    from: new Date("2026-12-07T00:00:00Z"),
    days: 2,
    appointments: 12,
    patients: 5,
  });
});
afterAll(() => server.close());

const signingKey = () => ({ privateJwk: key.privateJwk, kid: key.kid, alg: key.alg });

async function askToken(assertion: string, scope = "system/Appointment.rs") {
  const response = await fetch(server.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const fhirGet = (path: string, token?: string) =>
  fetch(`${server.baseUrl}/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe("the test server's token endpoint", () => {
  test("grants a token for a good assertion, and refuses the same assertion again (jti replay)", async () => {
    const assertion = await signClientAssertion({
      clientId,
      tokenUrl: server.tokenUrl,
      signingKey: signingKey(),
    });
    const granted = await askToken(assertion);
    expect(granted).toMatchObject({
      status: 200,
      body: { token_type: "bearer", expires_in: 300, scope: "system/Appointment.rs" },
    });
    const replayed = await askToken(assertion);
    expect(replayed).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(replayed.body.error_description).toContain("jti was used before");
  });

  test("refuses another audience, another issuer, a life beyond five minutes, and an algorithm other than RS384/ES384", async () => {
    const wrongAudience = await signClientAssertion({
      clientId,
      tokenUrl: `${server.tokenUrl}/other`,
      signingKey: signingKey(),
    });
    expect((await askToken(wrongAudience)).body.error_description).toContain("aud claim");
    const wrongIssuer = await signClientAssertion({
      clientId: "x",
      tokenUrl: server.tokenUrl,
      signingKey: signingKey(),
    });
    expect((await askToken(wrongIssuer)).body.error_description).toContain("iss claim");

    const { importJWK } = await import("jose");
    const now = Math.floor(Date.now() / 1000);
    const tooLong = await new SignJWT({ jti: "long-lived" })
      .setProtectedHeader({ alg: "ES384", kid: key.kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(server.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(await importJWK(key.privateJwk, "ES384"));
    expect((await askToken(tooLong)).body.error_description).toContain("more than five minutes");

    const es256 = await generateKeyPair("ES256", { extractable: true });
    const es256Public = await exportJWK(es256.publicKey);
    const kid = await calculateJwkThumbprint(es256Public);
    const weak = await new SignJWT({ jti: "es256" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(server.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .sign(es256.privateKey);
    const refused = await askToken(weak);
    expect(refused.status).toBe(401);
    expect(refused.body.error_description).toContain("only RS384 and ES384");
    expect(server.counters.tokensIssued).toBe(1);
  });
});

describe("the test server's FHIR searches", () => {
  test("a bearer token is required; an expired or revoked one is refused", async () => {
    expect((await fhirGet("Appointment")).status).toBe(401);
    const assertion = await signClientAssertion({
      clientId,
      tokenUrl: server.tokenUrl,
      signingKey: signingKey(),
    });
    const { body } = await askToken(assertion, "system/Appointment.rs");
    expect((await fhirGet("Appointment", body.access_token)).status).toBe(200);
    expect((await fhirGet("Patient", body.access_token)).status).toBe(403);
    server.revokeTokens();
    expect((await fhirGet("Appointment", body.access_token)).status).toBe(401);
    server.settings.tokenLifetimeSeconds = 0;
    const expired = await askToken(
      await signClientAssertion({ clientId, tokenUrl: server.tokenUrl, signingKey: signingKey() }),
    );
    server.settings.tokenLifetimeSeconds = 300;
    expect((await fhirGet("Appointment", expired.body.access_token)).status).toBe(401);
  });

  test("date filters, paging by an offset link, and _include", async () => {
    const assertion = await signClientAssertion({
      clientId,
      tokenUrl: server.tokenUrl,
      signingKey: signingKey(),
    });
    const { body } = await askToken(assertion, "system/Appointment.rs system/Patient.rs");
    const first = (await (
      await fhirGet(
        "Appointment?date=ge2026-12-08T00:00:00Z&date=lt2026-12-09T00:00:00Z&_count=4&_include=Appointment:patient",
        body.access_token,
      )
    ).json()) as {
      total: number;
      link: { relation: string; url: string }[];
      entry: { resource: { resourceType: string; start?: string } }[];
    };
    expect(first.total).toBe(6);
    const matches = first.entry.filter((entry) => entry.resource.resourceType === "Appointment");
    expect(matches).toHaveLength(4);
    for (const entry of matches) expect(entry.resource.start!.startsWith("2026-12-08")).toBe(true);
    expect(first.entry.some((entry) => entry.resource.resourceType === "Patient")).toBe(true);
    const next = first.link.find((link) => link.relation === "next")!.url;
    expect(next).toContain("_offset=4");
    const second = (await (
      await fetch(next, { headers: { authorization: `Bearer ${body.access_token}` } })
    ).json()) as {
      link: { relation: string }[];
      entry: { resource: { resourceType: string } }[];
    };
    expect(
      second.entry.filter((entry) => entry.resource.resourceType === "Appointment"),
    ).toHaveLength(2);
    expect(second.link.some((link) => link.relation === "next")).toBe(false);
  });

  test("updates bump meta.versionId", () => {
    expect(server.get("Appointment", "appt-1")!.meta!.versionId).toBe("1");
    expect(server.cancel("appt-1").meta!.versionId).toBe("2");
    expect(server.get("Appointment", "appt-1")!.status).toBe("cancelled");
  });
});

describe("the demo's registration page (the vendor's portal)", () => {
  test("without a registered JWKS every assertion is refused; after registering its address, granted", async () => {
    const { startHttpReceiver } = await import("./http-receiver");
    const jwksHost = await startHttpReceiver(() => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(jwksDocument([key.publicJwk])),
    }));
    const demo = await startFhirTestServer({ clientId: "standby-demo" });
    try {
      const ask = async () =>
        fetch(demo.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "client_credentials",
            scope: "system/Appointment.rs",
            client_assertion_type: CLIENT_ASSERTION_TYPE,
            client_assertion: await signClientAssertion({
              clientId: "standby-demo",
              tokenUrl: demo.tokenUrl,
              signingKey: signingKey(),
            }),
          }),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as Record<string, string>,
        }));
      const before = await ask();
      expect(before.status).toBe(401);
      expect(before.body.error_description).toBe(
        "No JWKS address is registered for this client yet.",
      );

      const registerUrl = `${new URL(demo.baseUrl).origin}/register`;
      expect(await (await fetch(registerUrl)).text()).toContain("Register a backend client");
      const page = await fetch(registerUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: "standby-demo", jwks_url: `${jwksHost.url}/jwks` }),
      });
      expect(await page.text()).toContain("Registered.");
      expect((await ask()).status).toBe(200);
      expect(jwksHost.received.map((request) => request.path)).toEqual(["/jwks"]);
    } finally {
      await demo.close();
      await jwksHost.close();
    }
  });
});
