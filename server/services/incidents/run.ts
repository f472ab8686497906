/** Running the outage: status, updates (shared with linked incidents), triage and settings. */
import "server-only";
import type { z } from "zod";
import { suggestScope } from "@/server/domain/incident-scope";
import { statusTransition } from "@/server/domain/incident-status";
import { InvalidError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import type {
  changeStatusSchema,
  incidentSettingsSchema,
  postUpdateSchema,
  triageSchema,
} from "@/server/contracts/incidents";
import {
  lockIncident,
  assertVersion,
  refuseIfClosed,
  appendEvents,
  lockLinked,
  bumpVersion,
  keptWrittenAt,
} from "@/server/services/incidents/core";
import { generateReconciliation } from "@/server/services/incidents/close";
import { notifyIncident } from "@/server/services/notifications/incident-events";

export async function changeIncidentStatus(
  ctx: ServiceContext,
  input: z.infer<typeof changeStatusSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  const check = statusTransition(incident.status, input.status);
  if (!check.allowed) throw new InvalidError(check.message, "status");
  const resolving = input.status === "resolved";
  const version = await bumpVersion(
    ctx,
    incident,
    { status: input.status, resolvedAt: resolving ? now : null },
    now,
  );
  if (resolving) await generateReconciliation(ctx, incident);
  await appendEvents(
    ctx,
    incident,
    [{ kind: "status", body: input.note, detail: { from: incident.status, to: input.status } }],
    now,
    // A status change with a note is an update to the people waiting: the next one is due from now.
    input.note ? { lastUpdateAt: now } : {},
  );
  await recordAudit(ctx, {
    action: "incident.status",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { from: incident.status, to: input.status },
  });
  await notifyIncident(
    ctx,
    { ...incident, status: input.status },
    { kind: resolving ? "incident.resolved" : "incident.status_changed", version },
  );
  return { version };
}

export async function postUpdate(
  ctx: ServiceContext,
  input: z.infer<typeof postUpdateSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const siblings = input.shareWithLinked ? await lockLinked(ctx, incident) : [];
  const sharedKey = siblings.length > 0 ? crypto.randomUUID() : null;
  for (const target of [incident, ...siblings])
    await appendEvents(
      ctx,
      target,
      [
        {
          kind: "update",
          body: input.body,
          sharedKey,
          writtenAt: keptWrittenAt(input.writtenAt, now),
        },
      ],
      now,
      { lastUpdateAt: now },
    );
  await recordAudit(ctx, {
    action: "incident.update",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: {
      sharedWith: siblings.length,
      ...(input.writtenAt ? { writtenAt: input.writtenAt.toISOString() } : {}),
    },
  });
  for (const target of [incident, ...siblings])
    await notifyIncident(ctx, target, { kind: "incident.update_posted", seq: target.lastSeq });
  return { seq: incident.lastSeq, sharedWith: siblings.length };
}

export async function saveTriage(
  ctx: ServiceContext,
  input: z.infer<typeof triageSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  assertVersion(incident, input.version);
  const triage = {
    checks: input.checks,
    otherCloudAppsWork: input.otherCloudAppsWork,
    planSteps: input.planSteps,
  };
  const suggestion = suggestScope(triage);
  const version = await bumpVersion(
    ctx,
    incident,
    { triage, scope: input.scope, scopeConfirmedByName: ctx.actor.name },
    now,
  );
  if (input.scope !== incident.scope || !incident.scopeConfirmedByName) {
    await appendEvents(
      ctx,
      incident,
      [
        {
          kind: "scope",
          body: `Scope confirmed as ${input.scope.replace("_", "-")}. ${suggestion.reason}`,
          detail: { scope: input.scope, suggested: suggestion.scope },
        },
      ],
      now,
    );
  }
  await recordAudit(ctx, {
    action: "incident.triage",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { scope: input.scope, suggested: suggestion.scope },
  });
  return { version, suggestion };
}

export async function updateIncidentSettings(
  ctx: ServiceContext,
  input: z.infer<typeof incidentSettingsSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  assertVersion(incident, input.version);
  const { practiceId: _p, incidentId: _i, version: _v, ...fields } = input;
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (key) => fields[key] !== incident[key],
  );
  if (changed.length === 0) return { version: incident.version };
  const version = await bumpVersion(ctx, incident, fields, now);
  const described = changed.map(
    (key) =>
      ({
        ownerName: `owner ${fields.ownerName}`,
        ownerPhone: "owner's phone",
        updateEveryMinutes: `updates every ${fields.updateEveryMinutes} min`,
        patientCareInterrupted: fields.patientCareInterrupted
          ? "patient care interrupted"
          : "patient care continuing",
        severity: `severity ${fields.severity}`,
      })[key],
  );
  await appendEvents(
    ctx,
    incident,
    [{ kind: "status", body: `Changed: ${described.join(", ")}.`, detail: { changed } }],
    now,
  );
  await recordAudit(ctx, {
    action: "incident.settings",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { changed },
  });
  return { version };
}
