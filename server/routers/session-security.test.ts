/**
 * Session security at the HTTP level: the tRPC endpoint as the browser reaches it (fetch adapter,
 * wrapped by the same cross-site guard as app/api/trpc/[trpc]/route.ts).
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { beforeAll, describe, expect, test } from "vitest";
import { defaultSessionPolicy } from "@/server/domain/session-rules";
import { crossSiteMessage } from "@/server/domain/request-origin";
import { appRouter } from "@/server/routers/_app";
import { sameOriginOnly } from "@/server/same-origin";
import { validateSession, type SessionUser } from "@/server/services/auth";
import { APP_URL, callerFor, createMsp, signIn, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;
let technician: SessionUser;

beforeAll(async () => {
  msp = await createMsp("HTTP");
  technician = (await validateSession(await signIn(msp.technician), defaultSessionPolicy))!;
});

/** The route handler of app/api/trpc/[trpc]/route.ts, with the session already checked. */
const route = (user: SessionUser | null) =>
  sameOriginOnly((request: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => ({ user, appUrl: APP_URL, clientAddress: "10.0.0.1" }),
    }),
  );

function post(path: string, input: unknown, headers: Record<string, string>) {
  return new Request(`${APP_URL}/api/trpc/${path}`, {
    method: "POST",
    body: JSON.stringify(superjson.serialize(input)),
    headers: { "content-type": "application/json", ...headers },
  });
}

describe("cross-site requests to mutations", () => {
  test("a POST from another site is refused with 403 and a clear message, and changes nothing", async () => {
    const before = await (await callerFor(msp.admin)).mspSettings.security();
    const response = await route(technician)(
      post(
        "account.reauthenticate",
        { password: msp.technician.password },
        { origin: "https://evil.example" },
      ),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { message: crossSiteMessage, code: "FORBIDDEN" },
    });
    expect(await (await callerFor(msp.admin)).mspSettings.security()).toEqual(before);
  });

  test("a POST marked cross-site by the browser (no Origin) is refused too", async () => {
    const response = await route(technician)(
      post("account.reauthenticate", { password: "x" }, { "sec-fetch-site": "cross-site" }),
    );
    expect(response.status).toBe(403);
  });

  test("the same POST from Standby's own pages goes through", async () => {
    const response = await route(technician)(
      post(
        "account.reauthenticate",
        { password: msp.technician.password },
        { origin: APP_URL, "sec-fetch-site": "same-origin" },
      ),
    );
    expect(response.status).toBe(200);
  });

  test("queries still work from a link (GET is never refused for its origin)", async () => {
    const response = await route(technician)(
      new Request(`${APP_URL}/api/trpc/session.me`, {
        headers: { "sec-fetch-site": "cross-site" },
      }),
    );
    expect(response.status).toBe(200);
  });
});

describe("no state change on GET", () => {
  test("a mutation called with GET is refused by tRPC (405) and does nothing", async () => {
    const input = encodeURIComponent(
      JSON.stringify(superjson.serialize({ password: msp.technician.password })),
    );
    const response = await route(technician)(
      new Request(`${APP_URL}/api/trpc/account.reauthenticate?input=${input}`, {
        headers: { origin: APP_URL },
      }),
    );
    expect(response.status).toBe(405);
    const body = (await response.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe("METHOD_NOT_SUPPORTED");
  });

  test("every procedure that changes something is a mutation (POST only); queries are reads", () => {
    const procedures: [string, { _def: { type: string } }][] = [];
    const walk = (record: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(record)) {
        const def = (value as { _def?: { type?: string; procedures?: Record<string, unknown> } })
          ._def;
        if (def?.type) procedures.push([`${prefix}${key}`, value as { _def: { type: string } }]);
        else if (def?.procedures) walk(def.procedures, `${prefix}${key}.`);
        else if (value && typeof value === "object")
          walk(value as Record<string, unknown>, `${prefix}${key}.`);
      }
    };
    walk(appRouter._def.procedures as unknown as Record<string, unknown>, "");
    expect(procedures.length).toBeGreaterThan(50);
    expect(
      procedures
        .filter(([, procedure]) => procedure._def.type === "mutation")
        .map(([name]) => name),
    ).toContain("account.reauthenticate");
    const mutationNames =
      /\.(create|update|archive|remove|invite|revoke|accept|change|set|add|record|publish|start|confirm|disable|regenerate|reauthenticate|delete|withdraw|resolve|close|link|verify|sign|mark|declare|apply|import|reorder|restore|print)/i;
    const queriesThatLookLikeWrites = procedures.filter(
      ([name, procedure]) =>
        procedure._def.type === "query" &&
        mutationNames.test(name) &&
        // Nouns that share a verb's start: a campaign's preview, a plan's diff, the incident's marks.
        !/preview|diff|changes/i.test(name),
    );
    expect(queriesThatLookLikeWrites.map(([name]) => name)).toEqual([]);
  });
});

describe("a removed member over HTTP", () => {
  test("their session stops working on the very next request", async () => {
    const target = await createMsp("Removed over HTTP");
    const claims = await signIn(target.manager);
    const user = await validateSession(claims, defaultSessionPolicy);
    expect((await route(user)(new Request(`${APP_URL}/api/trpc/session.me`))).status).toBe(200);
    await (await callerFor(target.admin)).members.remove({ userId: target.manager.id });
    // Every request re-checks the session against the database (server/session.ts → validateSession).
    const next = await validateSession(claims, defaultSessionPolicy);
    expect(next).toBeNull();
    expect((await route(next)(new Request(`${APP_URL}/api/trpc/session.me`))).status).toBe(401);
  });
});
