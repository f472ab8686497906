import { describe, expect, test } from "vitest";
import type { MonitorOutcome } from "@/db/schema/values";
import { applyOutcome, freshState, nextDueAt, type MonitorState } from "./monitor-state";

const defaults = { failureThreshold: 3, recoveryThreshold: 2 };

/** Applies outcomes one after another; returns each status and each transition. */
function run(outcomes: MonitorOutcome[], start: MonitorState = freshState, thresholds = defaults) {
  let state = start;
  const statuses: string[] = [];
  const transitions: string[] = [];
  for (const outcome of outcomes) {
    const next = applyOutcome(state, outcome, thresholds);
    state = next.state;
    statuses.push(state.status);
    if (next.transition) transitions.push(`${next.transition.from}→${next.transition.to}`);
  }
  return { state, statuses, transitions };
}

describe("the monitor state machine", () => {
  test("a first success is up; a first failure is pending", () => {
    expect(run(["up"]).statuses).toEqual(["up"]);
    expect(run(["down"]).statuses).toEqual(["pending"]);
  });

  test("down only at the N-th failure in a row (default 3), pending before", () => {
    expect(run(["up", "down", "down", "down", "down"]).statuses).toEqual([
      "up",
      "pending",
      "pending",
      "down",
      "down",
    ]);
    expect(run(["up", "down", "down", "down"]).transitions).toEqual([
      "unknown→up",
      "up→pending",
      "pending→down",
    ]);
  });

  test("a success between failures starts the count again", () => {
    expect(run(["up", "down", "down", "up", "down", "down"]).statuses).toEqual([
      "up",
      "pending",
      "pending",
      "up",
      "pending",
      "pending",
    ]);
  });

  test("back up only after M successes in a row (default 2); a failure in between starts again", () => {
    const down = run(["down", "down", "down"]).state;
    expect(down.status).toBe("down");
    expect(run(["up", "up"], down).statuses).toEqual(["down", "up"]);
    expect(run(["up", "down", "up", "up"], down).statuses).toEqual(["down", "down", "down", "up"]);
    expect(run(["up", "up"], down).transitions).toEqual(["down→up"]);
  });

  test("thresholds of 1 go down and up at once", () => {
    const once = { failureThreshold: 1, recoveryThreshold: 1 };
    expect(run(["down", "up"], freshState, once).statuses).toEqual(["down", "up"]);
  });

  test("larger thresholds are respected", () => {
    const slow = { failureThreshold: 5, recoveryThreshold: 4 };
    const { statuses } = run(
      ["down", "down", "down", "down", "down", "up", "up", "up", "up"],
      freshState,
      slow,
    );
    expect(statuses).toEqual([
      "pending",
      "pending",
      "pending",
      "pending",
      "down",
      "down",
      "down",
      "down",
      "up",
    ]);
  });

  test("degraded counts as a success, and moves between up and degraded", () => {
    expect(run(["up", "degraded", "up"]).transitions).toEqual([
      "unknown→up",
      "up→degraded",
      "degraded→up",
    ]);
    expect(run(["degraded", "down"]).statuses).toEqual(["degraded", "pending"]);
    const down = run(["down", "down", "down"]).state;
    expect(run(["degraded", "degraded"], down).statuses).toEqual(["down", "degraded"]);
  });

  test("a paused monitor's next check (its pause over) starts from unknown", () => {
    const paused: MonitorState = {
      status: "paused",
      consecutiveFailures: 7,
      consecutiveSuccesses: 0,
    };
    expect(run(["down"], paused).transitions).toEqual(["paused→pending"]);
    expect(run(["up"], paused).transitions).toEqual(["paused→up"]);
  });

  test("no transition when the status stays", () => {
    expect(applyOutcome({ ...freshState, status: "up" }, "up", defaults).transition).toBeNull();
  });
});

describe("the next due time", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  test("is one interval on", () => {
    expect(nextDueAt(at(0), 30, at(1))).toEqual(at(30));
  });
  test("skips the slots a late worker missed, staying on the grid", () => {
    expect(nextDueAt(at(0), 30, at(95))).toEqual(at(120));
    expect(nextDueAt(at(0), 30, at(30))).toEqual(at(60));
  });
});
