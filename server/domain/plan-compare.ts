import { diffArrays } from "diff";
import {
  sectionKeys,
  sectionTitles,
  type PlanContent,
  type SectionKey,
} from "@/server/contracts/plans";
import { sectionLines } from "./plan-text";

export type LineChange = { kind: "added" | "removed" | "same"; text: string };
export type SectionComparison = {
  section: SectionKey;
  title: string;
  changed: boolean;
  lines: LineChange[];
};

/** Two plan versions, section by section, as lines added and removed (jsdiff on the section's lines). */
export function comparePlans(before: PlanContent, after: PlanContent): SectionComparison[] {
  return sectionKeys.map((section) => {
    const parts = diffArrays(
      sectionLines(section, before[section], { numbered: false }),
      sectionLines(section, after[section], { numbered: false }),
    );
    const lines = parts.flatMap((part) =>
      part.value.map((text): LineChange => ({
        kind: part.added ? "added" : part.removed ? "removed" : "same",
        text,
      })),
    );
    return {
      section,
      title: sectionTitles[section],
      changed: lines.some((line) => line.kind !== "same"),
      lines,
    };
  });
}
