/**
 * What the plan services share: a practice's draft (saved sections over the template), its latest
 * published version, and which sections a changed template would touch. Beside this file: template,
 * draft, versions, template-changes and packet.
 */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { planSections, planVersions } from "@/db/schema";
import {
  applyTemplateTo,
  canonical,
  emptyPlan,
  templateBasisOf,
} from "@/server/domain/plan-defaults";
import type { ServiceContext } from "@/server/services/context";
import {
  sectionKeys,
  sectionSchemas,
  type PlanContent,
  type SectionKey,
} from "@/server/contracts/plans";
import { getTemplate } from "@/server/services/plans/template";

export const sameContent = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

type SectionState = {
  content: PlanContent[SectionKey];
  version: number;
  templateBasis: string | null;
  updatedByName: string | null;
  updatedAt: Date | null;
};

/** The draft: saved sections as they are; sections never saved come from the template. */
export async function loadDraft(ctx: ServiceContext, practiceId: string) {
  const template = await getTemplate(ctx);
  const fromTemplate = {
    ...emptyPlan(),
    ...applyTemplateTo(emptyPlan(), template.content),
  } as PlanContent;
  const rows = await ctx.tx
    .select()
    .from(planSections)
    .where(and(eq(planSections.mspId, ctx.mspId), eq(planSections.practiceId, practiceId)));
  const sections = {} as Record<SectionKey, SectionState>;
  for (const key of sectionKeys) {
    const row = rows.find((candidate) => candidate.section === key);
    const parsed = row ? sectionSchemas[key].safeParse(row.content) : null;
    sections[key] = row
      ? {
          content: (parsed?.success ? parsed.data : fromTemplate[key]) as PlanContent[SectionKey],
          version: row.version,
          templateBasis: row.templateBasis,
          updatedByName: row.updatedByName,
          updatedAt: row.updatedAt,
        }
      : {
          content: fromTemplate[key],
          version: 0,
          templateBasis: null,
          updatedByName: null,
          updatedAt: null,
        };
  }
  const content = Object.fromEntries(
    sectionKeys.map((key) => [key, sections[key].content]),
  ) as PlanContent;
  return { template, sections, content, savedSections: new Set(rows.map((row) => row.section)) };
}

export async function latestVersion(ctx: ServiceContext, practiceId: string) {
  const [row] = await ctx.tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.mspId, ctx.mspId), eq(planVersions.practiceId, practiceId)))
    .orderBy(desc(planVersions.number))
    .limit(1);
  return row ?? null;
}

/**
 * Sections the practice saved its own version of, whose part of the template changed since that
 * version was based on it, and which applying the template would change.
 */
export function pendingTemplateSections(
  draft: Awaited<ReturnType<typeof loadDraft>>,
): SectionKey[] {
  const applied = applyTemplateTo(draft.content, draft.template.content);
  return (Object.keys(applied) as SectionKey[]).filter(
    (key) =>
      draft.savedSections.has(key) &&
      draft.sections[key].templateBasis !== templateBasisOf(draft.template.content, key) &&
      !sameContent(applied[key], draft.content[key]),
  );
}

/** A published version's content; a section added to plans since it was published is there, empty. */
export function publishedContent(content: unknown): PlanContent {
  return { ...emptyPlan(), ...(content as Partial<PlanContent>) };
}
