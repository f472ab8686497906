/**
 * Every procedure of the app router, found by walking it (no hand-kept list), and a valid input
 * for each, built from its zod input schemas: id fields are filled by name with the ids of a
 * tenant's real objects, other fields with sample values the schema accepts. A procedure whose
 * input cannot be built makes the caller fail loudly (CannotBuildInputError), never a silent skip.
 */
import { randomBytes } from "node:crypto";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPCError,
} from "@trpc/server/unstable-core-do-not-import";
import type { z } from "zod";
import { appRouter, createCaller } from "@/server/routers/_app";
import type { Context } from "@/server/trpc";
import { sectionSchemas, type SectionKey } from "@/server/contracts/plans";

export type ProcedureType = "query" | "mutation" | "subscription";
export type ProcedureInfo = { path: string; type: ProcedureType; inputs: z.ZodType[] };

type AnyProcedure = { _def: { type: ProcedureType; inputs: unknown[] } };

/** Every procedure of the app router, in the router's order. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(procedures).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    inputs: procedure._def.inputs as z.ZodType[],
  }));
}

/** The ids of one tenant's objects that id fields point at. */
export type TenantIds = {
  practiceId: string;
  siteId: string;
  incidentId: string;
  /** A second incident (of the MSP's other practice), for linking. */
  otherIncidentId: string;
  systemId: string;
  /** A second system of the same practice (depends-on and redundancy edges). */
  otherSystemId: string;
  vendorId: string;
  linkId: string;
  riskId: string;
  reviewId: string;
  drillId: string;
  testId: string;
  ticketId: string;
  entryId: string;
  itemId: string;
  /** A member of the MSP other than the caller. */
  userId: string;
  invitationId: string;
  auditEventId: string;
  /** A notification channel of the practice. */
  channelId: string;
  /** An appointment of the practice's schedule copy, and the front desk's mark on it during the incident. */
  appointmentId: string;
  markId: string;
  /** A patient outreach message of that appointment left in the outbox, and its patient's reply. */
  messageId: string;
  replyId: string;
  /** A patient outreach campaign of the practice (a cancellation confirmation to that appointment). */
  campaignId: string;
  /** A heartbeat monitor on the practice's system. */
  monitorId: string;
  /** A planned maintenance window of the practice (tomorrow night), and an item of its prep list. */
  windowId: string;
  prepItemId: string;
  /** An open suspected outage of the practice's system, and the vendor-wide proposal it is part of. */
  suspectedOutageId: string;
  vendorWideId: string;
};

export class CannotBuildInputError extends Error {}

/** Which id a uuid field holds, by the field's name. */
const idFields: Record<string, keyof TenantIds> = {
  practiceId: "practiceId",
  siteId: "siteId",
  incidentId: "incidentId",
  fromIncidentId: "incidentId",
  /** Marking a duplicate: the MSP's other incident (at its other practice, so refused as not found). */
  duplicateOfIncidentId: "otherIncidentId",
  systemId: "systemId",
  dependsOnId: "otherSystemId",
  otherId: "otherSystemId",
  vendorId: "vendorId",
  linkId: "linkId",
  riskId: "riskId",
  reviewId: "reviewId",
  drillId: "drillId",
  fromDrillId: "drillId",
  testId: "testId",
  ticketId: "ticketId",
  entryId: "entryId",
  itemId: "itemId",
  userId: "userId",
  memberId: "userId",
  actorUserId: "userId",
  invitationId: "invitationId",
  channelId: "channelId",
  appointmentId: "appointmentId",
  markId: "markId",
  messageId: "messageId",
  replyId: "replyId",
  campaignId: "campaignId",
  monitorId: "monitorId",
  windowId: "windowId",
  prepItemId: "prepItemId",
  suspectedOutageId: "suspectedOutageId",
  vendorWideId: "vendorWideId",
};

/** uuid arrays, by name. */
const idArrayFields: Record<string, (ids: TenantIds) => string[]> = {
  systemIds: (ids) => [ids.systemId],
  incidentIds: (ids) => [ids.incidentId, ids.otherIncidentId],
  practiceIds: (ids) => [ids.practiceId],
};

/** Within these objects, a field called "id" holds this id. */
const nestedIdFields: Record<string, keyof TenantIds> = { sites: "siteId", cursor: "auditEventId" };

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Sample strings by field name, tried before the generic ones. */
function sampleStrings(key: string): string[] {
  switch (key) {
    case "email":
      return [`someone.${randomBytes(4).toString("hex")}@example.test`];
    case "timezone":
    case "digestTimeZone":
      return ["America/Chicago"];
    case "token":
      return [randomBytes(32).toString("base64url")];
    case "password":
    case "newPassword":
      return ["marble-canyon-violet-harbor-77"];
    case "code":
      return ["123456"];
    case "csv":
      return ["vendor,category,support_phone\nSample Vendor,isp,(608) 555-0142\n"];
    case "fhirBaseUrl":
      return ["https://fhir.example.test/r4"];
    case "target":
      // A monitor's target: a public web address (its kind is the first, http).
      return ["https://ehr.example.com/status"];
    case "lastEventId":
      return ["0"];
    case "mobile":
      return ["+16085550142"];
    case "scheduledFor":
    case "expiresOn":
    case "nextReviewOn":
      return [isoDay(60)];
    case "visitDate":
    case "from":
    case "to":
    case "date":
      return [isoDay(0)];
    case "at":
      return ["09:30"];
    case "startsLocal":
      return [`${isoDay(40)}T22:00`];
    case "endsLocal":
      return [`${isoDay(41)}T02:00`];
    case "body":
      // A patient outreach template with a variable (the checker accepts it); plain text elsewhere.
      return ["Hi {first_name}, see you on {date_time}."];
    case "quietStart":
      return ["21:00"];
    case "quietEnd":
      return ["08:00"];
    case "reason":
    case "overrideReason":
      return ["Confirmed with the practice by phone"];
    default:
      return [];
  }
}

/** Objects whose fields depend on each other, by field name. */
const objectSamples: Record<string, unknown> = {
  mapping: { date: "Date", time: "Time", patientName: "Patient", provider: "Provider" },
};

/** Enum values that make the rest of a built input meaningful (a practice manager is given the practice). */
const enumPreferences: Record<string, string> = { role: "practice_manager" };

const genericStrings = () => [
  `Sample text ${randomBytes(3).toString("hex")}`,
  "(608) 555-0142",
  "https://support.example.com",
  "someone@example.test",
  isoDay(0),
  new Date().toISOString(),
  "0",
];

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  in?: z.ZodType;
  out?: z.ZodType;
  defaultValue?: unknown;
};
type Check = {
  _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number } };
};
type Internals = { def: Def & { checks?: Check[] }; bag: { minimum?: number; maximum?: number } };

/** The node's definition and its length or size limits (zod 4 keeps them as checks). */
function defOf(schema: z.ZodType): Internals {
  const internals = (schema as unknown as { _zod: Internals })._zod;
  const bag: Internals["bag"] = {};
  for (const check of internals.def.checks ?? []) {
    const { check: kind, minimum, maximum, value } = check._zod.def;
    if (kind === "min_length") bag.minimum = minimum;
    if (kind === "max_length") bag.maximum = maximum;
    if (kind === "greater_than") bag.minimum = value;
    if (kind === "less_than") bag.maximum = value;
  }
  return { def: internals.def, bag };
}

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

function firstValid(schema: z.ZodType, candidates: unknown[], where: string): unknown {
  for (const candidate of candidates) if (ok(schema, candidate)) return candidate;
  throw new CannotBuildInputError(
    `No valid sample for ${where}: add a sample for this field in server/test/security/router-walk.ts.`,
  );
}

/**
 * A valid value for one schema node. `key` is the field's name (ids are chosen by it), `parent`
 * the object being built (a plan section's content depends on the section chosen before it).
 */
export function buildValue(
  schema: z.ZodType,
  ids: TenantIds,
  key: string,
  where: string,
  parent: Record<string, unknown> = {},
): unknown {
  const { def, bag } = defOf(schema);
  switch (def.type) {
    case "object": {
      if (key in objectSamples) return firstValid(schema, [objectSamples[key]], where);
      const value: Record<string, unknown> = {};
      for (const [field, fieldSchema] of Object.entries(def.shape!)) {
        const nestedId = nestedIdFields[key];
        const built =
          field === "id" && nestedId
            ? ids[nestedId]
            : buildValue(fieldSchema, ids, field, `${where}.${field}`, value);
        if (built !== undefined) value[field] = built;
      }
      return value;
    }
    case "string": {
      const id = idFields[key];
      if (id) return firstValid(schema, [ids[id]], where);
      return firstValid(
        schema,
        [...sampleStrings(key), ...genericStrings(), "x".repeat(bag.minimum ?? 1)],
        where,
      );
    }
    case "number":
      return firstValid(
        schema,
        [1, bag.minimum, (bag.minimum ?? 0) + 1, 5, 60, 0, bag.maximum],
        where,
      );
    case "boolean":
      return false;
    case "date":
      return firstValid(schema, [new Date()], where);
    case "enum": {
      const values = Object.values(def.entries!);
      const preferred = enumPreferences[key];
      return preferred && values.includes(preferred) ? preferred : values[0];
    }
    case "literal":
      return def.values![0];
    case "array": {
      const ofIds = idArrayFields[key];
      if (ofIds) return firstValid(schema, [ofIds(ids), []], where);
      const count = bag.minimum ?? 0;
      return Array.from({ length: count }, (_, index) =>
        buildValue(def.element!, ids, key, `${where}[${index}]`),
      );
    }
    case "optional":
      // Optional ids point at the tenant's objects; other optional fields are left out.
      return idFields[key] || idArrayFields[key] || nestedIdFields[key] || key in objectSamples
        ? buildValue(def.innerType!, ids, key, where, parent)
        : undefined;
    case "nullable":
      return idFields[key] ? buildValue(def.innerType!, ids, key, where, parent) : null;
    case "default":
    case "prefault":
      // Ids, and fields with a sample (a monitor's target), are built; others keep their default.
      return idFields[key] || sampleStrings(key).length > 0
        ? buildValue(def.innerType!, ids, key, where, parent)
        : def.defaultValue;
    case "union": {
      for (const option of def.options!) {
        try {
          const value = buildValue(option, ids, key, where, parent);
          if (ok(schema, value)) return value;
        } catch (error) {
          if (!(error instanceof CannotBuildInputError)) throw error;
        }
      }
      throw new CannotBuildInputError(`No option of the union at ${where} could be built.`);
    }
    case "pipe":
      // z.preprocess is a transform piped into the schema: the value is built for the schema.
      // (A value is built for a nullable one: "not measured" is the exception, not the valid case.)
      if (defOf(def.in!).def.type === "transform") {
        const out = defOf(def.out!).def;
        return buildValue(
          out.type === "nullable" ? out.innerType! : def.out!,
          ids,
          key,
          where,
          parent,
        );
      }
      return buildValue(def.in!, ids, key, where, parent);
    case "record":
      return {};
    case "unknown":
    case "any":
      // A plan section's content: its schema is chosen by the section named next to it.
      if (
        key === "content" &&
        typeof parent.section === "string" &&
        parent.section in sectionSchemas
      )
        return buildValue(sectionSchemas[parent.section as SectionKey], ids, "content", where);
      throw new CannotBuildInputError(
        `${where} accepts anything: say in server/test/security/router-walk.ts what a valid value is.`,
      );
    default:
      throw new CannotBuildInputError(
        `${where} is a zod ${def.type}, which the input builder does not know.`,
      );
  }
}

/** A valid input for a procedure: the value built for each of its input schemas, merged, and checked against every one of them. */
export function buildValidInput(
  procedure: ProcedureInfo,
  ids: TenantIds,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  if (procedure.inputs.length === 0) return undefined;
  const input: Record<string, unknown> = {};
  for (const schema of procedure.inputs) {
    const value = buildValue(schema, ids, "", procedure.path);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new CannotBuildInputError(`${procedure.path}: input is not an object.`);
    Object.assign(input, value);
  }
  Object.assign(input, overrides);
  for (const schema of procedure.inputs) {
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      throw new CannotBuildInputError(
        `${procedure.path}: the built input is refused by its schema: ${parsed.error.message}`,
      );
  }
  return input;
}

/** The top-level field names of a procedure's input (every schema's object shape). */
export function inputFields(procedure: ProcedureInfo): string[] {
  const fields = new Set<string>();
  for (const schema of procedure.inputs) {
    let node = schema;
    while (defOf(node).def.type === "pipe") node = defOf(node).def.in!;
    for (const field of Object.keys(defOf(node).def.shape ?? {})) fields.add(field);
  }
  return [...fields];
}

/** Every uuid in a value, deeply: the ids a call named or returned. */
export function uuidsIn(value: unknown, found = new Set<string>()): Set<string> {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  for (const match of text.matchAll(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  ))
    found.add(match[0].toLowerCase());
  return found;
}

export type Outcome =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: TRPCError["code"];
      httpStatus: number;
      message: string;
      fieldErrors?: Record<string, string[]>;
    };

const SUBSCRIPTION_WAIT_MS = 1_500;

/**
 * Calls one procedure by its path through the real caller, with the error turned into what an HTTP
 * client receives (the app's error formatter, the HTTP status). A subscription is read until its
 * first value (or error), then stopped.
 */
export async function callProcedure(
  ctx: Context,
  procedure: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
): Promise<Outcome> {
  const abort = new AbortController();
  const caller = createCaller(ctx, { signal: abort.signal }) as unknown as Record<string, unknown>;
  const call = procedure.path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    const value = await call(input);
    if (procedure.type !== "subscription") return { ok: true, value };
    const iterator = (value as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const timeout = new Promise<"none">((resolve) =>
      setTimeout(() => resolve("none"), SUBSCRIPTION_WAIT_MS),
    );
    try {
      const first = await Promise.race([iterator.next(), timeout]);
      return { ok: true, value: first === "none" ? [] : first.done ? [] : [first.value] };
    } finally {
      abort.abort();
      void iterator.return?.().catch(() => {});
    }
  } catch (cause) {
    abort.abort();
    const error = getTRPCErrorFromUnknown(cause);
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: procedure.type,
      path: procedure.path,
      input,
      ctx,
    }) as {
      message: string;
      data: { fieldErrors?: Record<string, string[]> };
    };
    return {
      ok: false,
      code: error.code,
      httpStatus: getHTTPStatusCodeFromError(error),
      message: shape.message,
      fieldErrors: shape.data.fieldErrors,
    };
  }
}
