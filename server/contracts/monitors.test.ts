import { describe, expect, test } from "vitest";
import { createMonitorSchema, maxTimeoutSeconds, targetProblem } from "./monitors";

const base = {
  practiceId: "00000000-0000-4000-8000-000000000001",
  systemId: "00000000-0000-4000-8000-000000000002",
  name: "EHR portal",
};

/** The message of each field at fault, by field. */
function problems(input: Record<string, unknown>) {
  const parsed = createMonitorSchema.safeParse({ ...base, ...input });
  if (parsed.success) return {};
  return Object.fromEntries(
    parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("monitor input", () => {
  test("an HTTP monitor with the defaults is valid", () => {
    const parsed = createMonitorSchema.parse({
      ...base,
      kind: "http",
      target: "https://ehr.example.com/",
    });
    expect(parsed).toMatchObject({
      intervalSeconds: 60,
      timeoutSeconds: 10,
      failureThreshold: 3,
      recoveryThreshold: 2,
    });
  });

  test("targets are checked for their kind", () => {
    expect(targetProblem("http", "ehr.example.com")).toMatch(/whole web address/);
    expect(targetProblem("http", "ftp://ehr.example.com/")).toMatch(/http/);
    expect(targetProblem("http", "https://user:pw@ehr.example.com/")).toMatch(/user name/);
    expect(targetProblem("tcp", "10.0.0.5")).toBeNull();
    expect(targetProblem("tcp", "ehr.example.com")).toBeNull();
    expect(targetProblem("tcp", "not a host")).toMatch(/host name or an IP/);
    expect(targetProblem("dns", "192.0.2.1")).toMatch(/host name to look up/);
    expect(targetProblem("dns", "portal.example.com")).toBeNull();
    expect(targetProblem("heartbeat", "")).toBeNull();
  });

  test("a TCP monitor needs a port", () => {
    expect(problems({ kind: "tcp", target: "ehr.example.com" })).toEqual({
      port: "Enter the port to connect to.",
    });
  });

  test("the interval is 30 s to 1 h; the timeout at most 80% of it and 30 s", () => {
    expect(problems({ kind: "heartbeat", intervalSeconds: 10 })).toEqual({
      intervalSeconds: "The interval must be at least 30.",
    });
    expect(problems({ kind: "heartbeat", intervalSeconds: 7200 })).toEqual({
      intervalSeconds: "The interval must be at most 3600.",
    });
    expect(problems({ kind: "heartbeat", intervalSeconds: 30, timeoutSeconds: 25 })).toEqual({
      timeoutSeconds:
        "The timeout must be at most 24 s for a 30 s interval (80% of it, 30 s at most).",
    });
    expect(problems({ kind: "heartbeat", intervalSeconds: 30, timeoutSeconds: 24 })).toEqual({});
    expect(maxTimeoutSeconds(3600)).toBe(30);
    expect(maxTimeoutSeconds(31)).toBe(24);
  });

  test("thresholds and retries have limits", () => {
    expect(problems({ kind: "heartbeat", failureThreshold: 0, retries: 9 })).toEqual({
      failureThreshold: "The failures before down must be at least 1.",
      retries: "The retries must be at most 5.",
    });
  });
});
