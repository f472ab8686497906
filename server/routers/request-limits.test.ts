/**
 * The API's guard rails against cost, over HTTP through the route's own handler (server/trpc-route.ts,
 * what app/api/trpc/[trpc]/route.ts calls): request bodies capped and counted as they stream in, no
 * input read for an anonymous caller of a signed-in procedure, superjson reviving only the types
 * Standby sends, a cap on batch size, a per-user request rate kept in PostgreSQL (429 + Retry-After),
 * `Cache-Control: private, no-store` on every answer, a cap on live streams per person. Each hostile
 * request is timed against the health check (/api/health's handler) running beside it on the same
 * event loop: a request that blocked the loop would show there.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as health } from "@/app/api/health/route";
import {
  CSV_IMPORT_BODY_LIMIT_BYTES,
  MAX_BATCH_SIZE,
  MAX_LIVE_STREAMS_PER_USER,
  REQUEST_BODY_LIMIT_BYTES,
} from "@/server/domain/request-limits";
import type { SessionClaims } from "@/server/services/auth";
import { createCaller } from "@/server/routers/_app";
import {
  APP_URL,
  createMsp,
  keepWorkerSeen,
  ownerSql,
  sessionUserFor,
  signIn,
  type TestMsp,
} from "@/server/test/fixtures";
import { humanReadableProblem } from "@/server/test/security/hostile-input";
import type { TenantIds } from "@/server/test/security/router-walk";
import { buildTenantWorld } from "@/server/test/security/tenant-world";
import { handleTrpcRequest, type TrpcRequestOptions } from "@/server/trpc-route";

/** A refusal that costs nothing: well under the seconds the unguarded route took (5 s, 18 s, 35 s). */
const FAST_MS = 1_000;
/** The health check beside it: within 2 s even on a loaded two-core machine (the unguarded route held it ~5 s). */
const HEALTH_MS = 2_000;

let msp: TestMsp;
let ids: TenantIds;
let adminClaims: SessionClaims;
let technicianClaims: SessionClaims;

let stopWorkerSeen = () => {};
afterAll(() => stopWorkerSeen());

beforeAll(async () => {
  msp = await createMsp("Request limits");
  // The health check beside them answers 200 only with a worker seen.
  stopWorkerSeen = await keepWorkerSeen();
  ids = await buildTenantWorld(msp);
  adminClaims = await signIn(msp.admin);
  technicianClaims = await signIn(msp.technician);
}, 120_000);

type Answer = { status: number; headers: Headers; text: string; ms: number };

async function send(
  path: string,
  init: RequestInit & { claims?: SessionClaims | null } & Partial<TrpcRequestOptions> = {},
): Promise<Answer> {
  const { claims = null, rateLimit, now, ...requestInit } = init;
  const started = performance.now();
  const request = new Request(`${APP_URL}/api/trpc/${path}`, {
    ...requestInit,
    duplex: "half",
  } as RequestInit);
  // The default limit is far above these tests; the rate-limit tests set their own.
  const response = await handleTrpcRequest(request, {
    claims,
    appUrl: APP_URL,
    clientAddress: "10.9.8.7",
    rateLimit: rateLimit === undefined ? null : rateLimit,
    now,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    ms: performance.now() - started,
  };
}

const post = (path: string, body: BodyInit, init: Parameters<typeof send>[1] = {}) =>
  send(path, { method: "POST", body, headers: { "content-type": "application/json" }, ...init });

/** The error of a single call or of each call of a batch. */
function errorsOf(
  answer: Answer,
): { message: string; data: { code: string; httpStatus: number } }[] {
  const json = JSON.parse(answer.text) as unknown;
  const entries = Array.isArray(json) ? json : [json];
  return entries.map(
    (entry) =>
      (
        entry as {
          error: { json: { message: string; data: { code: string; httpStatus: number } } };
        }
      ).error.json,
  );
}

/** A body generated as it is read, counting what was pulled: never held whole in memory. */
function streamedBody(prefix: string, totalBytes: number) {
  const encoder = new TextEncoder();
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x31); // "1" digits
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === 0) {
        const head = encoder.encode(prefix);
        pulled += head.byteLength;
        controller.enqueue(head);
      } else if (pulled >= totalBytes) controller.close();
      else {
        const size = Math.min(chunk.byteLength, totalBytes - pulled);
        pulled += size;
        controller.enqueue(chunk.subarray(0, size));
      }
    },
  });
  return { body, pulled: () => pulled };
}

/** Runs `hostile` while the health check is asked again and again beside it; the slowest health answer. */
async function besideHealth<T>(
  hostile: () => Promise<T>,
): Promise<{ result: T; slowestHealthMs: number }> {
  let done = false;
  let slowest = 0;
  const checks = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await health();
      expect(response.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    return { result: await hostile(), slowestHealthMs: slowest };
  } finally {
    done = true;
    await checks;
  }
}

/** superjson naming a value of `digits` digits a bigint, as the attack did. */
const bigintInput = (digits: number) =>
  JSON.stringify({
    json: { name: "1".repeat(digits) },
    meta: { values: { name: ["bigint"] }, v: 1 },
  });

describe("anyone, without signing in", () => {
  test("a mutation naming an 8,000,000-digit bigint is refused in milliseconds, before its body is read, and the health check stays fast", async () => {
    const { body, pulled } = streamedBody(`{"0":{"json":{"name":"`, 8_000_000);
    const { result, slowestHealthMs } = await besideHealth(() =>
      post("vendors.create?batch=1", body),
    );
    expect(result.status).toBe(401);
    expect(errorsOf(result)[0]!.message).toBe("Your session has ended. Sign in again.");
    expect(pulled()).toBeLessThan(REQUEST_BODY_LIMIT_BYTES);
    expect(result.ms).toBeLessThan(FAST_MS);
    expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
  });

  test("the same body whole (8 MB bigint) to a signed-in procedure: refused at once; the invitation lookup, open to anyone, still answers", async () => {
    const refused = await post("vendors.create", bigintInput(8_000_000));
    expect(refused.status).toBe(401);
    expect(refused.ms).toBeLessThan(FAST_MS);
    const invitation = await send(
      `invitations.get?input=${encodeURIComponent(JSON.stringify({ json: { token: "x".repeat(43) } }))}`,
    );
    expect(invitation.status).toBe(200); // an unknown link: no invitation, answered without a session
  });
});

describe("request bodies", () => {
  test("six concurrent 100 MB bodies from a signed-in person are refused (413) once past the limit, never read whole; health stays fast", async () => {
    const bodies = Array.from({ length: 6 }, () =>
      streamedBody(`{"0":{"json":{"practiceId":"${ids.practiceId}","name":"`, 100 * 1024 * 1024),
    );
    const { result, slowestHealthMs } = await besideHealth(() =>
      Promise.all(
        bodies.map(({ body }) => post("vendors.create?batch=1", body, { claims: adminClaims })),
      ),
    );
    for (const answer of result) {
      expect(answer.status).toBe(413);
      expect(errorsOf(answer)[0]!.message).toBe(
        "This request is too large (more than 1 MB). Send less at once.",
      );
      expect(answer.ms).toBeLessThan(FAST_MS * 2);
    }
    for (const { pulled } of bodies)
      expect(pulled()).toBeLessThan(REQUEST_BODY_LIMIT_BYTES + 512 * 1024);
    expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
  });

  test("a declared Content-Length over the limit is refused without reading the body", async () => {
    const { body, pulled } = streamedBody("{", 3 * 1024 * 1024);
    const answer = await send("vendors.create", {
      method: "POST",
      body,
      claims: adminClaims,
      headers: { "content-type": "application/json", "content-length": String(3 * 1024 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(pulled()).toBeLessThan(REQUEST_BODY_LIMIT_BYTES);
  });

  test("the CSV import has its own stated limit: a 1,000,000-character file with quotes and accents (over 1 MB as JSON) gets through to validation", async () => {
    const line = `"Vendor ""Ünïcødé"" é",ehr,,,,,,,,,,,\n`;
    const csv = `vendor,category,support_phone\n${line.repeat(Math.floor(999_000 / line.length))}`;
    const body = JSON.stringify({ json: { practiceId: ids.practiceId, csv } });
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(REQUEST_BODY_LIMIT_BYTES);
    expect(new TextEncoder().encode(body).byteLength).toBeLessThan(CSV_IMPORT_BODY_LIMIT_BYTES);
    const answer = await post("vendors.previewImport", body, { claims: adminClaims });
    expect(answer.status).not.toBe(413);
    // The same body to any other procedure is too large.
    expect((await post("vendors.create", body, { claims: adminClaims })).status).toBe(413);
  });

  test("only JSON is accepted", async () => {
    const form = new FormData();
    form.set("name", "x");
    const answer = await send("vendors.create", {
      method: "POST",
      body: form,
      claims: adminClaims,
    });
    expect(answer.status).toBe(415);
  });
});

describe("what superjson may revive", () => {
  test("a 1,000,000-digit bigint, twenty of them, a Map, a class and 1e400 as a bigint are refused with a plain message, fast", async () => {
    const cases = [
      bigintInput(1_000_000),
      JSON.stringify(
        Object.fromEntries(
          Array.from({ length: 20 }, (_, index) => [
            index,
            { json: { name: "9".repeat(40_000) }, meta: { values: { name: ["bigint"] } } },
          ]),
        ),
      ),
      JSON.stringify({ json: { name: [["a", 1]] }, meta: { values: { name: ["map"] } } }),
      JSON.stringify({ json: { name: {} }, meta: { values: { name: [["class", "Evil"]] } } }),
      JSON.stringify({ json: { name: "1e400" }, meta: { values: { name: ["bigint"] } } }),
    ];
    for (const [index, body] of cases.entries()) {
      const path =
        index === 1
          ? `${Array.from({ length: 20 }, () => "vendors.create").join(",")}?batch=1`
          : "vendors.create";
      const { result, slowestHealthMs } = await besideHealth(() =>
        post(path, body, { claims: adminClaims }),
      );
      expect(result.status, body.slice(0, 80)).toBe(400);
      for (const error of errorsOf(result)) {
        expect(error.message).toMatch(
          /^This request names a kind of value Standby does not accept \((bigint|map|class)?.*\)\.$|^This request could not be read/,
        );
        expect(humanReadableProblem(error.message)).toBeNull();
      }
      expect(result.ms).toBeLessThan(FAST_MS);
      expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
    }
  });

  test("dates, undefined and non-finite numbers — what the forms send — still arrive as such", async () => {
    const input = {
      practiceId: ids.practiceId,
      incidentId: ids.incidentId,
      from: new Date("2026-01-01T00:00:00Z"),
      missing: undefined,
      count: Number.NaN,
    };
    const body = JSON.stringify({
      json: { ...input, from: input.from.toISOString(), missing: null, count: "NaN" },
      meta: { values: { from: ["Date"], missing: ["undefined"], count: ["number"] }, v: 1 },
    });
    const answer = await send(`incidents.get?input=${encodeURIComponent(body)}`, {
      claims: adminClaims,
    });
    expect(answer.status).toBe(200);
  });

  test("a numeric string of 500,000 digits named a number is read in time (Infinity) and refused by validation", async () => {
    const body = JSON.stringify({
      json: { page: "9".repeat(500_000) },
      meta: { values: { page: ["number"] } },
    });
    const answer = await send(`vendors.list?input=${encodeURIComponent(body)}`, {
      claims: adminClaims,
    });
    expect(answer.ms).toBeLessThan(FAST_MS);
    expect(answer.status).toBe(400);
    expect(humanReadableProblem(errorsOf(answer)[0]!.message)).toBeNull();
  });

  test("nesting 100,000 levels deep, or objects that refer back to themselves, are refused plainly without a stack overflow", async () => {
    const deep = `{"json":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const cyclic = JSON.stringify({
      json: { a: { b: {} } },
      meta: { referentialEqualities: { a: ["a.b.c"] } },
    });
    const rootCycle = JSON.stringify({
      json: { a: {} },
      meta: { referentialEqualities: [["a.b"]] },
    });
    for (const body of [deep, cyclic, rootCycle]) {
      const { result, slowestHealthMs } = await besideHealth(() =>
        post("vendors.create", body, { claims: adminClaims }),
      );
      expect(result.status).toBe(400);
      const [error] = errorsOf(result);
      expect(error!.message).toMatch(/^This request is nested too deeply/);
      expect(error!.message).not.toMatch(/Maximum call stack/);
      expect(result.ms).toBeLessThan(FAST_MS);
      expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
    }
  });

  test("broken JSON is refused with a plain message and a request id, not the parser's words", async () => {
    const answer = await post("vendors.create", "{not json", { claims: adminClaims });
    expect(answer.status).toBe(400);
    const [error] = errorsOf(answer);
    expect(error!.message).toMatch(
      /^This request could not be read\. Reload the page and try again; if it keeps happening, quote request [0-9a-f-]{36}\.$/,
    );
    expect((error!.data as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("batches", () => {
  const getBatch = (count: number) => {
    const input = Object.fromEntries(
      Array.from({ length: count }, (_, index) => [
        index,
        { json: { practiceId: ids.practiceId } },
      ]),
    );
    return `${Array.from({ length: count }, () => "practices.get").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  };

  test(`a batch of ${MAX_BATCH_SIZE} calls is answered; 899 queries or 300 mutations in one request are refused at once`, async () => {
    const allowed = await send(getBatch(MAX_BATCH_SIZE), { claims: adminClaims });
    expect(allowed.status).toBe(200);
    const { result: tooMany, slowestHealthMs } = await besideHealth(() =>
      send(getBatch(899), { claims: adminClaims }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.ms).toBeLessThan(FAST_MS);
    expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
    const mutations = Array.from({ length: 300 }, () => "practices.create").join(",");
    const body = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 300 }, (_, index) => [
          index,
          { json: { name: "Batch", timezone: "UTC" } },
        ]),
      ),
    );
    const refused = await post(`${mutations}?batch=1`, body, { claims: adminClaims });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({
      error: { json: { message: "Batch call exceeds maximum size" } },
    });
  });
});

describe("per-user request rate", () => {
  const limit = { callsPerWindow: 5, windowSeconds: 60 };
  const now = new Date("2031-05-05T10:00:10Z");
  const query = (claims: SessionClaims) =>
    send(
      `practices.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: {} } }))}`,
      { claims, rateLimit: limit, now },
    );

  test("past the limit a person gets 429 with Retry-After and a plain message; someone else is not affected; the next window is open again", async () => {
    // Claims of a fresh session each: counters are per person, so another test's calls do not count here.
    const person = await signIn(msp.manager);
    for (let call = 0; call < limit.callsPerWindow; call++)
      expect((await query(person)).status).toBe(200);
    const refused = await query(person);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    const [error] = errorsOf(refused);
    expect(error).toMatchObject({
      message:
        "Too many requests from your account in the last minute. Wait 50 seconds and try again.",
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 },
    });
    expect(refused.headers.get("cache-control")).toBe("private, no-store");

    const other = await signIn(msp.leadership);
    expect((await query(other)).status).toBe(200);

    const nextWindow = await send(
      `practices.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: {} } }))}`,
      { claims: person, rateLimit: limit, now: new Date("2031-05-05T10:01:00Z") },
    );
    expect(nextWindow.status).toBe(200);
  });

  test("the counter lives in PostgreSQL (every app server shares it): a person's calls, batched, are counted together", async () => {
    const person = await signIn(msp.technician);
    const batch = `${Array.from({ length: 6 }, () => "practices.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 6 }, (_, index) => [index, { json: {} }]))))}`;
    const refused = await send(batch, { claims: person, rateLimit: limit, now });
    expect(refused.status).toBe(429);
    const keyHash = createHash("sha256").update(`request-rate:user:${person.userId}`).digest("hex");
    const rows = await ownerSql()<
      { calls: number; windowStart: string }[]
    >`select calls, window_start as "windowStart" from request_rate_counts where key_hash = ${keyHash}`;
    expect(
      rows.map((row) => ({
        calls: row.calls,
        windowStart: new Date(row.windowStart).toISOString(),
      })),
    ).toEqual([{ calls: 6, windowStart: "2031-05-05T10:00:00.000Z" }]);
  });
});

describe("caching", () => {
  test("downtimeLog.list (patient data) and every other answer, refusals included, carry Cache-Control: private, no-store", async () => {
    const input = encodeURIComponent(
      JSON.stringify({ json: { practiceId: ids.practiceId, incidentId: ids.incidentId } }),
    );
    const answer = await send(`downtimeLog.list?input=${input}`, { claims: technicianClaims });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("Patient P-1001");
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const anonymous = await send(`downtimeLog.list?input=${input}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("private, no-store");
  });
});

describe("live streams", () => {
  test(`a person may hold ${MAX_LIVE_STREAMS_PER_USER} live timelines open; one more is refused plainly (429) until one closes`, async () => {
    const viewer = createCaller({ user: await sessionUserFor(msp.technician), appUrl: APP_URL });
    const open = async () => {
      const stream = (await viewer.incidents.onTimeline({
        practiceId: ids.practiceId,
        incidentId: ids.incidentId,
        lastEventId: null,
      })) as AsyncIterable<unknown>;
      const iterator = stream[Symbol.asyncIterator]();
      return { iterator, first: iterator.next() };
    };
    const streams = [];
    for (let index = 0; index < MAX_LIVE_STREAMS_PER_USER; index++) {
      const stream = await open();
      await stream.first;
      streams.push(stream);
    }
    try {
      const refused = await open();
      await expect(refused.first).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message: expect.stringMatching(/^You have too many live views open \(10\)\./),
      });
      await streams.pop()!.iterator.return?.(undefined);
      const again = await open();
      await again.first;
      streams.push(again);
    } finally {
      await Promise.all(streams.map(({ iterator }) => iterator.return?.(undefined)));
    }
  });
});
