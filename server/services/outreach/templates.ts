/**
 * Patient outreach's message texts: the MSP's own (for every practice) and a practice's own, in
 * place of Standby's built-in ones. They hold no patient data (only the allowed variables), so
 * everyone in scope reads them and their text may stand in the audit log.
 */
import "server-only";
import { and, eq, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import { outreachTemplates } from "@/db/schema";
import {
  outreachKindLabels,
  outreachKinds,
  outreachLanguageLabels,
  outreachLanguages,
  type OutreachKind,
  type OutreachLanguage,
} from "@/server/contracts/outreach-kinds";
import type {
  listOutreachTemplatesSchema,
  previewOutreachTemplateSchema,
  resetOutreachTemplateSchema,
  saveOutreachTemplateSchema,
} from "@/server/contracts/outreach-templates";
import {
  checkSubject,
  checkTemplate,
  chooseTemplate,
  renderTemplate,
  sameVisitType,
  sampleValues,
  smsSegments,
  type StoredTemplate,
  type TemplateSource,
} from "@/server/domain/outreach-templates";
import { ConflictError, ForbiddenError, InvalidError } from "@/server/errors";
import { can } from "@/server/permissions";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";

type TemplateRow = typeof outreachTemplates.$inferSelect;
type TemplateKey = {
  practiceId: string | null;
  kind: OutreachKind;
  language: OutreachLanguage;
  visitType: string;
};

export const mspWideWriteRefusal =
  "Only the MSP's admins and technicians change the texts every practice uses. Change your practice's own text instead (on its Schedule page, Message templates).";

/**
 * The level a request names: the MSP's own texts (null) or a practice's. A practice outside the
 * caller's scope is NOT_FOUND; an archived one is read-only; the MSP-wide texts are MSP staff's to change.
 */
async function levelInScope(
  ctx: ServiceContext,
  practiceId: string | null,
  purpose: "read" | "change",
) {
  if (practiceId === null) {
    if (
      purpose === "change" &&
      !(ctx.actor.role && can(ctx.actor.role, "outreachTemplates.mspWide"))
    )
      throw new ForbiddenError(mspWideWriteRefusal);
    return null;
  }
  return practiceInScope(ctx, practiceId, purpose);
}

/**
 * The templates that apply at a level: the MSP's, and for a practice its own too (feed them to
 * chooseTemplate). Also what sending reads to pick each patient's text.
 */
export async function loadOutreachTemplates(
  ctx: ServiceContext,
  practiceId: string | null,
): Promise<TemplateRow[]> {
  return ctx.tx
    .select()
    .from(outreachTemplates)
    .where(
      and(
        eq(outreachTemplates.mspId, ctx.mspId),
        practiceId
          ? or(isNull(outreachTemplates.practiceId), eq(outreachTemplates.practiceId, practiceId))
          : isNull(outreachTemplates.practiceId),
      ),
    )
    .orderBy(outreachTemplates.createdAt);
}

const stored = (row: TemplateRow): StoredTemplate => ({
  id: row.id,
  practiceId: row.practiceId,
  kind: row.kind,
  language: row.language,
  visitType: row.visitType,
  subject: row.subject,
  body: row.body,
  version: row.version,
});

const isOwn = (row: TemplateRow, key: TemplateKey) =>
  row.practiceId === key.practiceId &&
  row.kind === key.kind &&
  row.language === key.language &&
  sameVisitType(row.visitType, key.visitType);

/** "The Spanish “Running late / delay” text (Annual physical)". */
const describe = (key: TemplateKey) =>
  `The ${outreachLanguageLabels[key.language]} “${outreachKindLabels[key.kind]}” text${key.visitType ? ` for ${key.visitType}` : ""}`;

const sourceLabels: Record<TemplateSource, string> = {
  practice: "this practice's own text",
  msp: "the MSP's text",
  "built-in": "Standby's built-in text",
};

export type OutreachTemplateEntry = {
  kind: OutreachKind;
  language: OutreachLanguage;
  visitType: string;
  /** The text patients get now, and where it comes from. */
  subject: string;
  body: string;
  source: TemplateSource;
  /** For instructions: the effective text is the one for every visit type. */
  fromGenericInstructions: boolean;
  /** This level's own text, when it has one (its version is the one to save and reset with). */
  own: { id: string; version: number; updatedByName: string; updatedAt: Date } | null;
  /** What applies once this level's own text is reset. */
  inherited: { subject: string; body: string; source: TemplateSource };
};

/**
 * Every kind of message in every language (and the instructions of each visit type that has some)
 * as it stands at one level: the MSP's (practiceId omitted) or a practice's.
 */
export async function listOutreachTemplates(
  ctx: ServiceContext,
  input: z.infer<typeof listOutreachTemplatesSchema>,
) {
  const practiceId = input.practiceId ?? null;
  const practice = await levelInScope(ctx, practiceId, "read");
  const rows = await loadOutreachTemplates(ctx, practiceId);
  const templates = rows.map(stored);
  const visitTypes: string[] = [];
  for (const row of rows)
    if (
      row.kind === "instructions" &&
      row.visitType &&
      !visitTypes.some((known) => sameVisitType(known, row.visitType))
    )
      visitTypes.push(row.visitType);
  visitTypes.sort((a, b) => a.localeCompare(b));
  const keys: TemplateKey[] = outreachKinds.flatMap((kind) =>
    outreachLanguages.flatMap((language) =>
      (kind === "instructions" ? ["", ...visitTypes] : [""]).map((visitType) => ({
        practiceId,
        kind,
        language,
        visitType,
      })),
    ),
  );
  const entries = keys.map((key): OutreachTemplateEntry => {
    const own = rows.find((row) => isOwn(row, key));
    const effective = chooseTemplate(templates, key);
    const inherited = chooseTemplate(
      templates.filter((template) => template.id !== own?.id),
      key,
    );
    return {
      kind: key.kind,
      language: key.language,
      visitType: key.visitType,
      subject: effective.subject,
      body: effective.body,
      source: effective.source,
      fromGenericInstructions: key.visitType !== "" && effective.visitType === "",
      own: own
        ? {
            id: own.id,
            version: own.version,
            updatedByName: own.updatedByName,
            updatedAt: own.updatedAt,
          }
        : null,
      inherited: { subject: inherited.subject, body: inherited.body, source: inherited.source },
    };
  });
  return {
    level: practiceId ? ("practice" as const) : ("msp" as const),
    practiceId,
    practiceName: practice?.name ?? null,
    archived: Boolean(practice?.archivedAt),
    visitTypes,
    entries,
  };
}

/** This level's own text for the key, locked for the change. */
async function ownRow(ctx: ServiceContext, key: TemplateKey) {
  const rows = await ctx.tx
    .select()
    .from(outreachTemplates)
    .where(
      and(
        eq(outreachTemplates.mspId, ctx.mspId),
        key.practiceId
          ? eq(outreachTemplates.practiceId, key.practiceId)
          : isNull(outreachTemplates.practiceId),
        eq(outreachTemplates.kind, key.kind),
        eq(outreachTemplates.language, key.language),
      ),
    )
    .for("update");
  return rows.find((row) => isOwn(row, key)) ?? null;
}

const changedMeanwhile = (key: TemplateKey, row: TemplateRow | null) =>
  new ConflictError(
    row
      ? `${describe(key)} was changed by ${row.updatedByName} after you opened it. Reload to see their text.`
      : `${describe(key)} was reset by someone else after you opened it. Reload to see the text that applies now.`,
  );

/**
 * Saves the MSP's or the practice's own text, checked as the editor checks it, with the version it
 * was read at (0 for a first text of its own).
 */
export async function saveOutreachTemplate(
  ctx: ServiceContext,
  input: z.infer<typeof saveOutreachTemplateSchema>,
) {
  const { version, subject, body, ...key } = input;
  await levelInScope(ctx, key.practiceId, "change");
  const bodyCheck = checkTemplate(body);
  if (!bodyCheck.ok) throw new InvalidError(bodyCheck.message, "body");
  const subjectCheck = checkSubject(subject);
  if (!subjectCheck.ok) throw new InvalidError(subjectCheck.message, "subject");
  const existing = await ownRow(ctx, key);
  if ((existing?.version ?? 0) !== version) throw changedMeanwhile(key, existing);
  const values = {
    visitType: key.visitType,
    subject,
    body,
    updatedByName: ctx.actor.name,
    version: version + 1,
    updatedAt: new Date(),
  };
  const [saved] = existing
    ? await ctx.tx
        .update(outreachTemplates)
        .set(values)
        .where(
          and(
            eq(outreachTemplates.mspId, ctx.mspId),
            eq(outreachTemplates.id, existing.id),
            eq(outreachTemplates.version, version),
          ),
        )
        .returning({ id: outreachTemplates.id })
    : await ctx.tx
        .insert(outreachTemplates)
        .values({
          ...values,
          mspId: ctx.mspId,
          practiceId: key.practiceId,
          kind: key.kind,
          language: key.language,
        })
        .onConflictDoNothing()
        .returning({ id: outreachTemplates.id });
  if (!saved) throw changedMeanwhile(key, null);
  await recordAudit(ctx, {
    action: "outreach_template.save",
    entityType: "outreach_template",
    entityId: saved.id,
    practiceId: key.practiceId,
    summary: {
      level: key.practiceId ? "practice" : "msp",
      kind: key.kind,
      language: key.language,
      visitType: key.visitType,
      version: values.version,
      subject,
      body,
    },
  });
  return { id: saved.id, version: values.version };
}

/** Removes the MSP's or the practice's own text: the next level's (or the built-in one) applies again. */
export async function resetOutreachTemplate(
  ctx: ServiceContext,
  input: z.infer<typeof resetOutreachTemplateSchema>,
) {
  const { version, ...key } = input;
  await levelInScope(ctx, key.practiceId, "change");
  const existing = await ownRow(ctx, key);
  if (!existing || existing.version !== version) throw changedMeanwhile(key, existing);
  const [removed] = await ctx.tx
    .delete(outreachTemplates)
    .where(
      and(
        eq(outreachTemplates.mspId, ctx.mspId),
        eq(outreachTemplates.id, existing.id),
        eq(outreachTemplates.version, version),
      ),
    )
    .returning({ id: outreachTemplates.id });
  if (!removed) throw changedMeanwhile(key, null);
  const rows = (await loadOutreachTemplates(ctx, key.practiceId)).map(stored);
  const now = chooseTemplate(rows, key);
  await recordAudit(ctx, {
    action: "outreach_template.reset",
    entityType: "outreach_template",
    entityId: removed.id,
    practiceId: key.practiceId,
    summary: {
      level: key.practiceId ? "practice" : "msp",
      kind: key.kind,
      language: key.language,
      visitType: key.visitType,
      removedVersion: version,
      nowUses: now.source,
    },
  });
  return { id: removed.id, nowUses: now.source, nowUsesLabel: sourceLabels[now.source] };
}

/** A text as a patient would get it, with invented values, and what it costs as SMS. Reads nothing. */
export function previewOutreachTemplate(input: z.infer<typeof previewOutreachTemplateSchema>) {
  const bodyCheck = checkTemplate(input.body);
  if (!bodyCheck.ok) throw new InvalidError(bodyCheck.message, "body");
  const subjectCheck = input.subject ? checkSubject(input.subject) : null;
  if (subjectCheck && !subjectCheck.ok) throw new InvalidError(subjectCheck.message, "subject");
  const values = sampleValues[input.language];
  const text = renderTemplate(input.body, values);
  return {
    kind: input.kind,
    language: input.language,
    subject: input.subject ? renderTemplate(input.subject, values) : "",
    text,
    sms: smsSegments(text),
    variables: bodyCheck.variables,
  };
}
