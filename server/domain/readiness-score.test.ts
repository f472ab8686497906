import { describe, expect, test } from "vitest";
import {
  readinessFormula,
  readinessScore,
  readinessWeights,
  type ReadinessParts,
} from "./readiness-score";

const perfect: ReadinessParts = {
  planCompleteness: 100,
  planCurrent: true,
  vendorsLinked: 3,
  vendorsVerified: 3,
  backupsTracked: 2,
  backupsGood: 2,
  reviewOverdue: false,
  urgentRisksOpen: 0,
  activeIncident: false,
};

describe("readiness score", () => {
  test("the weights add up to 100 and every part is explained", () => {
    expect(Object.values(readinessWeights).reduce((sum, weight) => sum + weight, 0)).toBe(100);
    expect(readinessFormula.map((row) => row.part).sort()).toEqual(
      Object.keys(readinessWeights).sort(),
    );
    expect(readinessScore(perfect).score).toBe(100);
  });

  test("a practice with nothing set up scores only for what cannot be missing yet", () => {
    const empty: ReadinessParts = {
      planCompleteness: 0,
      planCurrent: false,
      vendorsLinked: 0,
      vendorsVerified: 0,
      backupsTracked: 0,
      backupsGood: 0,
      reviewOverdue: false,
      urgentRisksOpen: 0,
      activeIncident: false,
    };
    expect(readinessScore(empty)).toEqual({
      score: 40,
      points: {
        planCompleteness: 0,
        planCurrent: 0,
        vendorsVerified: 0,
        backups: 0,
        reviewOnTime: 15,
        noUrgentRisks: 15,
        noActiveIncident: 10,
        scheduleCopy: 0,
      },
    });
  });

  test("a kept schedule copy more than 24 hours old takes 10 points off; none kept, or a fresh one, takes nothing", () => {
    expect(readinessScore({ ...perfect, scheduleCopyAgeHours: null }).score).toBe(100);
    expect(readinessScore({ ...perfect, scheduleCopyAgeHours: 3 }).score).toBe(100);
    expect(readinessScore({ ...perfect, scheduleCopyAgeHours: 24 }).score).toBe(100);
    const stale = readinessScore({ ...perfect, scheduleCopyAgeHours: 72 });
    expect(stale.score).toBe(90);
    expect(stale.points.scheduleCopy).toBe(-10);
    // Never below zero.
    const worst = readinessScore({
      planCompleteness: 0,
      planCurrent: false,
      vendorsLinked: 0,
      vendorsVerified: 0,
      backupsTracked: 0,
      backupsGood: 0,
      reviewOverdue: true,
      urgentRisksOpen: 3,
      activeIncident: true,
      scheduleCopyAgeHours: 100,
    });
    expect(worst.score).toBe(0);
  });

  test("each part takes its share away", () => {
    expect(readinessScore({ ...perfect, planCompleteness: 50 }).score).toBe(93); // 92.5 rounds up
    expect(readinessScore({ ...perfect, vendorsVerified: 1 }).score).toBe(90);
    expect(readinessScore({ ...perfect, backupsGood: 1 }).score).toBe(90);
    expect(readinessScore({ ...perfect, reviewOverdue: true }).score).toBe(85);
    expect(readinessScore({ ...perfect, urgentRisksOpen: 1 }).score).toBe(90);
    expect(readinessScore({ ...perfect, urgentRisksOpen: 4 }).score).toBe(85);
    expect(readinessScore({ ...perfect, activeIncident: true }).score).toBe(90);
    expect(readinessScore({ ...perfect, planCurrent: false }).score).toBe(90);
  });

  test("out-of-range inputs are clamped, never beyond 0–100", () => {
    expect(readinessScore({ ...perfect, planCompleteness: 140, vendorsVerified: 9 }).score).toBe(
      100,
    );
    expect(readinessScore({ ...perfect, planCompleteness: -5 }).points.planCompleteness).toBe(0);
  });
});
