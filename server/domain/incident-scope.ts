import {
  triageCheckLabels,
  triageChecks,
  type OtherCloudAppsAnswer,
  type SuspectedScope,
  type TriageAnswer,
  type TriageCheck,
} from "@/server/contracts/incidents";

/**
 * A first guess at an outage's scope from the plan's triage checks, in the plan's order. The guess
 * is a suggestion for the outage owner, never a verdict: any local failure points at the office;
 * only when every local check works and other cloud apps work while the EHR does not is the
 * vendor the likely cause.
 */
export type TriageInput = {
  checks: readonly { check: TriageCheck; answer: TriageAnswer }[];
  otherCloudAppsWork: OtherCloudAppsAnswer;
};
export type ScopeSuggestion = { scope: SuspectedScope; reason: string };

function list(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/** A check that was not answered counts as unknown; when a check is answered twice, the later answer wins. */
export function suggestScope(input: TriageInput): ScopeSuggestion {
  const answers = new Map<TriageCheck, TriageAnswer>();
  for (const { check, answer } of input.checks) answers.set(check, answer);
  const withAnswer = (wanted: TriageAnswer) =>
    triageChecks
      .filter((check) => (answers.get(check) ?? "unknown") === wanted)
      .map((check) => triageCheckLabels[check]);

  const down = withAnswer("down");
  if (down.length > 0)
    return {
      scope: "local",
      reason: `Local failure found: ${list(down)} ${down.length === 1 ? "is" : "are"} down.`,
    };

  const unchecked = withAnswer("unknown");
  if (unchecked.length > 0) {
    const cloud =
      input.otherCloudAppsWork === "unknown" ? ", and whether other cloud apps work" : "";
    return { scope: "unknown", reason: `Not checked yet: ${list(unchecked)}${cloud}.` };
  }
  if (input.otherCloudAppsWork === "yes") {
    return {
      scope: "vendor_wide",
      reason:
        "Every local check works and other cloud apps work but the EHR does not: likely the vendor. Check its status page and call its support line.",
    };
  }
  if (input.otherCloudAppsWork === "no") {
    return {
      scope: "unknown",
      reason:
        "Every local check works, but other cloud apps fail too, so it is not just the EHR vendor. Check the internet provider and DNS.",
    };
  }
  return {
    scope: "unknown",
    reason: "Every local check works. Check whether other cloud apps work while the EHR does not.",
  };
}
