/** Vendor tickets, shared by linked incidents: one copy per incident, tied by sharedKey. */
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { practiceVendors, ticketEscalations, vendors, vendorTickets } from "@/db/schema";
import { InvalidError, NotFoundError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import type {
  escalateTicketSchema,
  openTicketSchema,
  setEtaSchema,
} from "@/server/contracts/incidents";
import {
  type IncidentRow,
  refuseFuture,
  lockIncident,
  refuseIfClosed,
  appendEvents,
  lockLinked,
} from "@/server/services/incidents/core";

export async function openTicket(
  ctx: ServiceContext,
  input: z.infer<typeof openTicketSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  refuseFuture(input.openedAt, now, "openedAt", "The ticket's opening time");
  const [vendor] = await ctx.tx
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new InvalidError("Choose a vendor from your catalog.", "vendorId");
  const sharedKey = crypto.randomUUID();
  const siblings = await lockLinked(ctx, incident);
  let ticketId = "";
  for (const target of [incident, ...siblings]) {
    const [ticket] = await ctx.tx
      .insert(vendorTickets)
      .values({
        id: target === incident ? sharedKey : undefined,
        mspId: ctx.mspId,
        practiceId: target.practiceId,
        incidentId: target.id,
        sharedKey,
        vendorId: vendor.id,
        ticketNumber: input.ticketNumber,
        openedAt: input.openedAt,
        etaAt: input.etaAt,
        createdByName: ctx.actor.name,
      })
      .returning({ id: vendorTickets.id });
    if (target === incident) ticketId = ticket!.id;
    await appendEvents(
      ctx,
      target,
      [
        {
          kind: "ticket",
          body:
            `Ticket ${input.ticketNumber} opened with ${vendor.name}` +
            `${input.etaAt ? "; the vendor gives an ETA" : ""}.`,
          detail: {
            vendor: vendor.name,
            ticketNumber: input.ticketNumber,
            etaAt: input.etaAt?.toISOString() ?? null,
          },
          sharedKey: siblings.length ? sharedKey : null,
        },
      ],
      now,
    );
  }
  await recordAudit(ctx, {
    action: "incident.ticket_open",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { vendor: vendor.name, ticketNumber: input.ticketNumber },
  });
  return { id: ticketId };
}

/** Each vendor's escalation ladder at this practice (level 1 first). */
export async function laddersOf(ctx: ServiceContext, practiceId: string) {
  const rows = await ctx.tx
    .select({ vendorId: practiceVendors.vendorId, ladder: practiceVendors.ladder })
    .from(practiceVendors)
    .where(and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, practiceId)));
  return new Map(rows.map((row) => [row.vendorId, row.ladder]));
}

async function ticketCopies(ctx: ServiceContext, incident: IncidentRow, ticketId: string) {
  const [ticket] = await ctx.tx
    .select({
      id: vendorTickets.id,
      sharedKey: vendorTickets.sharedKey,
      ticketNumber: vendorTickets.ticketNumber,
      vendorId: vendorTickets.vendorId,
    })
    .from(vendorTickets)
    .where(
      and(
        eq(vendorTickets.mspId, ctx.mspId),
        eq(vendorTickets.incidentId, incident.id),
        eq(vendorTickets.id, ticketId),
      ),
    );
  if (!ticket) throw new NotFoundError("Ticket");
  const siblings = await lockLinked(ctx, incident);
  const copies = siblings.length
    ? await ctx.tx
        .select({ id: vendorTickets.id, incidentId: vendorTickets.incidentId })
        .from(vendorTickets)
        .where(
          and(
            eq(vendorTickets.mspId, ctx.mspId),
            eq(vendorTickets.sharedKey, ticket.sharedKey),
            inArray(
              vendorTickets.incidentId,
              siblings.map((sibling) => sibling.id),
            ),
          ),
        )
    : [];
  return {
    ticket,
    targets: [
      { incident, ticketId: ticket.id },
      ...copies.map((copy) => ({
        incident: siblings.find((sibling) => sibling.id === copy.incidentId)!,
        ticketId: copy.id,
      })),
    ],
  };
}

export async function escalateTicket(
  ctx: ServiceContext,
  input: z.infer<typeof escalateTicketSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  refuseFuture(input.escalatedAt, now, "escalatedAt", "The escalation");
  const { ticket, targets } = await ticketCopies(ctx, incident, input.ticketId);
  const ladder = (await laddersOf(ctx, incident.practiceId)).get(ticket.vendorId) ?? [];
  if (ladder.length > 0 && input.level > ladder.length)
    throw new InvalidError(
      `This vendor's ladder has ${ladder.length} level${ladder.length === 1 ? "" : "s"}.`,
      "level",
    );
  const contactName = input.contactName || ladder[input.level - 1]?.name || "";
  const sharedKey = crypto.randomUUID();
  for (const target of targets) {
    await ctx.tx.insert(ticketEscalations).values({
      mspId: ctx.mspId,
      practiceId: target.incident.practiceId,
      ticketId: target.ticketId,
      sharedKey,
      level: input.level,
      contactName,
      escalatedByName: ctx.actor.name,
      escalatedAt: input.escalatedAt,
    });
    await appendEvents(
      ctx,
      target.incident,
      [
        {
          kind: "escalation",
          body:
            `Ticket ${ticket.ticketNumber} escalated to level ${input.level}` +
            `${contactName ? ` (${contactName})` : ""}.`,
          detail: { level: input.level },
          sharedKey: targets.length > 1 ? sharedKey : null,
        },
      ],
      now,
    );
  }
  await recordAudit(ctx, {
    action: "incident.ticket_escalate",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { ticketNumber: ticket.ticketNumber, level: input.level },
  });
}

export async function setTicketEta(
  ctx: ServiceContext,
  input: z.infer<typeof setEtaSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const { ticket, targets } = await ticketCopies(ctx, incident, input.ticketId);
  for (const target of targets) {
    await ctx.tx
      .update(vendorTickets)
      .set({ etaAt: input.etaAt })
      .where(and(eq(vendorTickets.mspId, ctx.mspId), eq(vendorTickets.id, target.ticketId)));
    await appendEvents(
      ctx,
      target.incident,
      [
        {
          kind: "eta",
          body: input.etaAt
            ? `${ticket.ticketNumber}: the vendor's ETA is set.`
            : `${ticket.ticketNumber}: the vendor's ETA is cleared.`,
          detail: { etaAt: input.etaAt?.toISOString() ?? null },
        },
      ],
      now,
    );
  }
  await recordAudit(ctx, {
    action: "incident.ticket_eta",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { ticketNumber: ticket.ticketNumber },
  });
}
