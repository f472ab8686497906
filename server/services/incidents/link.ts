/** Vendor-wide outages: spotting them across practices and linking their incidents as one. */
import "server-only";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  incidentGroups,
  incidents,
  incidentSystems,
  practices,
  systems,
  ticketEscalations,
  vendors,
  vendorTickets,
} from "@/db/schema";
import { vendorWideSuggestions } from "@/server/domain/incident-grouping";
import { isOpenStatus } from "@/server/domain/incident-status";
import { type IncidentStatus } from "@/server/contracts/incidents";
import { InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import type { linkIncidentsSchema } from "@/server/contracts/incidents";
import { appendEvents } from "@/server/services/incidents/core";

/** Practices of the MSP with open incidents on systems of the same vendor: probably one vendor-wide outage. */
export async function vendorWideCandidates(ctx: ServiceContext) {
  const rows = await ctx.tx
    .select({
      id: incidents.id,
      practiceId: incidents.practiceId,
      practiceName: practices.name,
      title: incidents.title,
      status: incidents.status,
      groupId: incidents.groupId,
      vendorId: systems.vendorId,
    })
    .from(incidents)
    .innerJoin(
      practices,
      and(eq(practices.mspId, incidents.mspId), eq(practices.id, incidents.practiceId)),
    )
    .innerJoin(
      incidentSystems,
      and(eq(incidentSystems.mspId, incidents.mspId), eq(incidentSystems.incidentId, incidents.id)),
    )
    .innerJoin(
      systems,
      and(eq(systems.mspId, incidentSystems.mspId), eq(systems.id, incidentSystems.systemId)),
    )
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        notInArray(incidents.status, ["resolved", "closed"]),
        sql`${systems.vendorId} is not null`,
      ),
    )
    .limit(5000);
  const byIncident = new Map<
    string,
    {
      id: string;
      practiceId: string;
      status: IncidentStatus;
      linkedGroupId: string | null;
      downVendorIds: string[];
    }
  >();
  for (const row of rows) {
    const entry = byIncident.get(row.id) ?? {
      id: row.id,
      practiceId: row.practiceId,
      status: row.status,
      linkedGroupId: row.groupId,
      downVendorIds: [],
    };
    entry.downVendorIds.push(row.vendorId!);
    byIncident.set(row.id, entry);
  }
  const suggestions = vendorWideSuggestions([...byIncident.values()]);
  if (suggestions.length === 0) return [];
  const vendorNames = new Map(
    (
      await ctx.tx
        .select({ id: vendors.id, name: vendors.name })
        .from(vendors)
        .where(
          and(
            eq(vendors.mspId, ctx.mspId),
            inArray(
              vendors.id,
              suggestions.map((s) => s.vendorId),
            ),
          ),
        )
    ).map((v) => [v.id, v.name]),
  );
  return suggestions.map((suggestion) => ({
    ...suggestion,
    vendorName: vendorNames.get(suggestion.vendorId) ?? "",
    incidents: suggestion.incidentIds.map((id) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return { id, practiceId: row.practiceId, practiceName: row.practiceName, title: row.title };
    }),
  }));
}

/** Links open incidents of several practices as one vendor-wide outage; they then share tickets and updates. */
export async function linkIncidents(
  ctx: ServiceContext,
  input: z.infer<typeof linkIncidentsSchema>,
  now = new Date(),
) {
  const ids = [...new Set(input.incidentIds)].sort();
  const locked = await ctx.tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), inArray(incidents.id, ids)))
    .orderBy(asc(incidents.id))
    .for("update");
  if (locked.length !== ids.length) throw new NotFoundError("Incident");
  if (locked.some((incident) => !isOpenStatus(incident.status)))
    throw new InvalidError("Only open incidents can be linked.");
  if (new Set(locked.map((incident) => incident.practiceId)).size < 2)
    throw new InvalidError("Link incidents of at least two practices.");
  for (const incident of locked) await practiceInScope(ctx, incident.practiceId, "change");
  const [vendor] = await ctx.tx
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new NotFoundError("Vendor");
  // Incidents already linked (to one group or several) bring their whole groups along: one outage, one group.
  const groupIds = [
    ...new Set(
      locked.map((incident) => incident.groupId).filter((id): id is string => id !== null),
    ),
  ];
  const groupId =
    groupIds[0] ??
    (
      await ctx.tx
        .insert(incidentGroups)
        .values({ mspId: ctx.mspId, vendorId: vendor.id, createdByName: ctx.actor.name })
        .returning({ id: incidentGroups.id })
    )[0]!.id;
  const members = groupIds.length
    ? [
        ...locked,
        ...(await ctx.tx
          .select()
          .from(incidents)
          .where(
            and(
              eq(incidents.mspId, ctx.mspId),
              inArray(incidents.groupId, groupIds),
              notInArray(incidents.id, ids),
            ),
          )
          .orderBy(asc(incidents.id))
          .for("update")),
      ]
    : locked;
  await ctx.tx
    .update(incidents)
    .set({ groupId })
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        inArray(
          incidents.id,
          members.map((incident) => incident.id),
        ),
      ),
    );
  // Share tickets: every member gets a copy of every ticket (and its escalations) it lacks.
  const tickets = await ctx.tx
    .select()
    .from(vendorTickets)
    .where(
      and(
        eq(vendorTickets.mspId, ctx.mspId),
        inArray(
          vendorTickets.incidentId,
          members.map((incident) => incident.id),
        ),
      ),
    );
  const escalations = tickets.length
    ? await ctx.tx
        .select()
        .from(ticketEscalations)
        .where(
          and(
            eq(ticketEscalations.mspId, ctx.mspId),
            inArray(
              ticketEscalations.ticketId,
              tickets.map((ticket) => ticket.id),
            ),
          ),
        )
    : [];
  const originals = [...new Map(tickets.map((ticket) => [ticket.sharedKey, ticket])).values()];
  for (const member of members) {
    for (const original of originals) {
      if (
        tickets.some(
          (ticket) => ticket.incidentId === member.id && ticket.sharedKey === original.sharedKey,
        )
      )
        continue;
      const [copy] = await ctx.tx
        .insert(vendorTickets)
        .values({
          mspId: ctx.mspId,
          practiceId: member.practiceId,
          incidentId: member.id,
          sharedKey: original.sharedKey,
          vendorId: original.vendorId,
          ticketNumber: original.ticketNumber,
          openedAt: original.openedAt,
          etaAt: original.etaAt,
          createdByName: original.createdByName,
        })
        .returning({ id: vendorTickets.id });
      const own = escalations.filter((escalation) => escalation.ticketId === original.id);
      if (own.length > 0) {
        await ctx.tx.insert(ticketEscalations).values(
          own.map(({ id: _id, ticketId: _t, practiceId: _p, ...escalation }) => ({
            ...escalation,
            practiceId: member.practiceId,
            ticketId: copy!.id,
          })),
        );
      }
    }
    const others = members.filter((other) => other.id !== member.id).length;
    await appendEvents(
      ctx,
      member,
      [
        {
          kind: "linked",
          body:
            `Linked with ${others} other practice${others === 1 ? "" : "s"} as one ${vendor.name} outage: ` +
            "tickets and updates are shared.",
          detail: { groupId, vendor: vendor.name },
        },
      ],
      now,
    );
  }
  await recordAudit(ctx, {
    action: "incident.link",
    entityType: "incident_group",
    entityId: groupId,
    summary: { vendor: vendor.name, incidents: members.length },
  });
  return { groupId };
}
