import { describe, expect, it } from "vitest";
import {
  healthSaysReachable,
  isConnectionLost,
  isConnectionProblem,
  reportConnectionBack,
  reportConnectionLost,
  retryDelayMs,
  subscribeToConnection,
} from "./connection-state";

describe("isConnectionProblem", () => {
  it("is a 503 from the app (its database is unreachable)", () => {
    expect(
      isConnectionProblem({
        message: "The database cannot be reached",
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 },
      }),
    ).toBe(true);
    expect(isConnectionProblem({ code: "SERVICE_UNAVAILABLE" })).toBe(true);
  });

  it("is a failed fetch or a proxy's 502/504 page", () => {
    expect(isConnectionProblem(new TypeError("Failed to fetch"))).toBe(true);
    expect(
      isConnectionProblem({ message: "Failed to fetch", cause: new TypeError("Failed to fetch") }),
    ).toBe(true);
    expect(
      isConnectionProblem({ message: "NetworkError when attempting to fetch resource." }),
    ).toBe(true);
    expect(isConnectionProblem({ message: "Load failed" })).toBe(true);
    expect(
      isConnectionProblem({ message: "Unexpected token <", meta: { response: { status: 502 } } }),
    ).toBe(true);
  });

  it("is not an answer about the request itself", () => {
    for (const code of [
      "BAD_REQUEST",
      "UNAUTHORIZED",
      "FORBIDDEN",
      "NOT_FOUND",
      "CONFLICT",
      "INTERNAL_SERVER_ERROR",
    ]) {
      expect(isConnectionProblem({ message: "x", data: { code, httpStatus: 400 } }), code).toBe(
        false,
      );
    }
    expect(isConnectionProblem(new Error("Something went wrong"))).toBe(false);
    expect(isConnectionProblem(null)).toBe(false);
  });
});

describe("retryDelayMs", () => {
  it("backs off and levels out at ten seconds", () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe("connection state", () => {
  it("tells listeners when it is lost and when it is back, once each", () => {
    const seen: boolean[] = [];
    const stop = subscribeToConnection(() => seen.push(isConnectionLost()));
    reportConnectionLost();
    reportConnectionLost();
    reportConnectionBack();
    stop();
    reportConnectionLost();
    expect(seen).toEqual([true, false]);
    reportConnectionBack();
  });
});

describe("healthSaysReachable", () => {
  const answer = (status: number, body: unknown) =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  it("is 200, or a 503 about the worker alone, is reachable; the database down or a proxy's page is not", async () => {
    expect(await healthSaysReachable(answer(200, { status: "ok" }))).toBe(true);
    expect(
      await healthSaysReachable(
        answer(503, { status: "degraded", database: { ok: true }, worker: { ok: false } }),
      ),
    ).toBe(true);
    expect(
      await healthSaysReachable(answer(503, { status: "degraded", database: { ok: false } })),
    ).toBe(false);
    expect(await healthSaysReachable(answer(502, "<html>Bad gateway</html>"))).toBe(false);
  });
});
