"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Phone } from "lucide-react";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import Link from "@/components/ui/link";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { fromZonedInput, toZonedInput, zoneName } from "@/components/ui/zoned-time";
import { escalateTicketSchema, openTicketSchema } from "@/server/contracts/incidents";
import { formatShortMoment } from "@/components/ui/format";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { CallMsp } from "@/components/layout/call-msp";
import { useRoom } from "./room-context";
import { RoomFormActions, RoomProblem } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView, Ticket } from "./types";
import { telHref } from "@/server/domain/phone-number";

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const momentField = (what: string) =>
  z.string().regex(dateTime, `Enter ${what} as a date and time.`);
const optionalMomentField = (what: string) =>
  z
    .string()
    .refine(
      (value) => value === "" || dateTime.test(value),
      `Enter ${what} as a date and time, or leave it empty.`,
    );

// ---------------------------------------------------------------------------------------------

const openFormSchema = z.object({
  vendorId: openTicketSchema.shape.vendorId,
  ticketNumber: openTicketSchema.shape.ticketNumber,
  openedAt: momentField("when the ticket was opened"),
  etaAt: optionalMomentField("the vendor's ETA"),
});
type OpenFields = z.infer<typeof openFormSchema>;

export function OpenTicketDialog({
  view,
  open,
  onClose,
}: {
  view: IncidentView;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title="Open a vendor ticket"
      description="Record the ticket as soon as you have the vendor on the phone or the portal."
      onClose={onClose}
    >
      {open && <OpenTicketForm view={view} onDone={onClose} />}
    </Modal>
  );
}

function OpenTicketForm({ view, onDone }: { view: IncidentView; onDone: () => void }) {
  const trpc = useTRPC();
  const { practiceId } = useRoom();
  const practiceVendors = useQuery(trpc.vendors.forPractice.queryOptions({ practiceId }));
  const catalog = useQuery(trpc.vendors.list.queryOptions({ pageSize: 200 }));
  if (practiceVendors.isError || catalog.isError)
    return (
      <RoomProblem
        problem={{
          message: "Could not load your vendors. Close this and try again.",
          fieldErrors: {},
        }}
      />
    );
  // The form starts once the choices are there, so the likely vendor can be chosen already.
  if (!practiceVendors.data || !catalog.data) {
    return (
      <div role="status" aria-label="Loading your vendors" className="space-y-3">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-2/3" />
      </div>
    );
  }
  const linked = practiceVendors.data;
  const others = catalog.data.items.filter(
    (vendor) => !linked.some((link) => link.vendorId === vendor.id),
  );
  if (linked.length + others.length === 0)
    return (
      <div className="space-y-3 text-sm text-slate-700">
        <p>
          There is no vendor to open a ticket with yet: this practice has none, and neither has the
          MSP&apos;s catalog.
        </p>
        <p>
          Add the vendor (its support number, the practice&apos;s account number) on the
          practice&apos;s{" "}
          <Link
            href={`/practices/${practiceId}/vendors`}
            className="font-medium text-brand-700 underline"
          >
            Vendors page
          </Link>
          , then open the ticket here.
        </p>
        <CallMsp className="justify-start text-slate-800" />
      </div>
    );
  return <OpenTicketFields view={view} linked={linked} others={others} onDone={onDone} />;
}

type VendorChoice = { name: string; supportPhone: string };

function OpenTicketFields({
  view,
  linked,
  others,
  onDone,
}: {
  view: IncidentView;
  linked: (VendorChoice & { vendorId: string; accountNumber: string })[];
  others: (VendorChoice & { id: string })[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const openTicket = useMutation(trpc.incidents.openTicket.mutationOptions());
  const [now] = useState(() => new Date());

  // The vendor of what is down is the likely one to call.
  const downVendor =
    view.mapSystems.find(
      (system) => system.vendorId && view.down.some((down) => down.id === system.id),
    )?.vendorId ?? "";
  const known =
    linked.some((link) => link.vendorId === downVendor) ||
    others.some((vendor) => vendor.id === downVendor);
  const { form, submit, problem } = useVersionedForm<OpenFields>({
    schema: openFormSchema,
    defaultValues: {
      vendorId: known ? downVendor : "",
      ticketNumber: "",
      openedAt: toZonedInput(now, timeZone),
      etaAt: "",
    },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      const outcome = await run(
        () =>
          openTicket.mutateAsync({
            practiceId,
            incidentId,
            vendorId: values.vendorId,
            ticketNumber: values.ticketNumber,
            openedAt: fromZonedInput(values.openedAt, timeZone)!,
            etaAt: values.etaAt ? fromZonedInput(values.etaAt, timeZone) : null,
          }),
        { success: `Ticket ${values.ticketNumber} recorded` },
      );
      if (outcome.ok) onDone();
      return toSaveOutcome(outcome);
    },
  });
  const { errors, isSubmitting } = form.formState;
  const vendorId = useWatch({ control: form.control, name: "vendorId" });
  const chosen =
    linked.find((link) => link.vendorId === vendorId) ??
    others.find((vendor) => vendor.id === vendorId);

  const zone = zoneName(now, timeZone);
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field
          label="Vendor"
          error={errors.vendorId?.message}
          hint={
            linked.length + others.length === 0
              ? "Your vendor catalog is empty: add the vendor on the Vendors tab first."
              : undefined
          }
        >
          {(props) => (
            <select {...props} {...form.register("vendorId")}>
              <option value="">Choose the vendor</option>
              {linked.length > 0 && (
                <optgroup label="This practice's vendors">
                  {linked.map((link) => (
                    <option key={link.vendorId} value={link.vendorId}>
                      {link.name}
                      {link.accountNumber ? ` (account ${link.accountNumber})` : ""}
                    </option>
                  ))}
                </optgroup>
              )}
              {others.length > 0 && (
                <optgroup label="Other vendors in your catalog">
                  {others.map((vendor) => (
                    <option key={vendor.id} value={vendor.id}>
                      {vendor.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
        </Field>
        {chosen?.supportPhone && (
          <p className="mt-1 text-sm">
            <a
              href={telHref(chosen.supportPhone)}
              className="inline-flex min-h-8 items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              <Phone aria-hidden className="size-4" />
              Call {chosen.name} support: {chosen.supportPhone}
            </a>
          </p>
        )}
      </div>
      <Field label="Ticket number" error={errors.ticketNumber?.message}>
        {(props) => <input {...props} {...form.register("ticketNumber")} autoComplete="off" />}
      </Field>
      <Field label={`Opened at (${zone})`} error={errors.openedAt?.message}>
        {(props) => <input {...props} {...form.register("openedAt")} type="datetime-local" />}
      </Field>
      <Field
        label={`Vendor's ETA (${zone}, optional)`}
        hint="When the vendor expects service back: you are reminded to call again then."
        error={errors.etaAt?.message}
      >
        {(props) => <input {...props} {...form.register("etaAt")} type="datetime-local" />}
      </Field>
      <RoomFormActions
        problem={problem}
        onCancel={onDone}
        submitting={isSubmitting}
        submitLabel="Record the ticket"
      />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

const escalateFormSchema = z.object({
  level: escalateTicketSchema.shape.level,
  contactName: escalateTicketSchema.shape.contactName,
  escalatedAt: momentField("when it was escalated"),
});
type EscalateFields = z.infer<typeof escalateFormSchema>;

export function EscalateDialog({
  ticket,
  onClose,
}: {
  ticket: Ticket | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={ticket !== null}
      title={ticket ? `Escalate ticket ${ticket.ticketNumber}` : "Escalate"}
      description={
        ticket ? `With ${ticket.vendorName}: the level you reached and when.` : undefined
      }
      onClose={onClose}
    >
      {ticket && <EscalateForm key={ticket.id} ticket={ticket} onDone={onClose} />}
    </Modal>
  );
}

function EscalateForm({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const trpc = useTRPC();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const escalate = useMutation(trpc.incidents.escalateTicket.mutationOptions());
  const [now] = useState(() => new Date());
  const ladder = ticket.ladder;
  const reached = ticket.escalations.at(-1)?.level ?? 0;
  const nextLevel =
    ladder.length > 0 ? Math.min(reached + 1, ladder.length) : Math.min(reached + 1, 10);
  const { form, submit, problem } = useVersionedForm<EscalateFields>({
    schema: escalateFormSchema,
    defaultValues: { level: nextLevel, contactName: "", escalatedAt: toZonedInput(now, timeZone) },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      const outcome = await run(
        () =>
          escalate.mutateAsync({
            practiceId,
            incidentId,
            ticketId: ticket.id,
            level: values.level,
            // With a ladder the server names the level's contact.
            contactName: ladder.length > 0 ? "" : values.contactName,
            escalatedAt: fromZonedInput(values.escalatedAt, timeZone)!,
          }),
        { success: `Ticket ${ticket.ticketNumber} escalated to level ${values.level}` },
      );
      if (outcome.ok) onDone();
      return toSaveOutcome(outcome);
    },
  });
  const { errors, isSubmitting } = form.formState;
  const level = useWatch({ control: form.control, name: "level" });
  const contact = ladder[(level ?? 1) - 1];

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      {ladder.length > 0 ? (
        <div className="sm:col-span-2">
          <Field label="Level reached" error={errors.level?.message}>
            {(props) => (
              <select {...props} {...form.register("level", { valueAsNumber: true })}>
                {ladder.map((step, index) => (
                  <option key={index} value={index + 1}>
                    Level {index + 1}: {step.name}
                    {step.role ? ` (${step.role})` : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {contact && (
            <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-700">
              {contact.phone && (
                <a
                  href={telHref(contact.phone)}
                  className="inline-flex min-h-8 items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  <Phone aria-hidden className="size-4" />
                  {contact.phone}
                </a>
              )}
              {contact.email && (
                <span className="inline-flex min-h-8 items-center">{contact.email}</span>
              )}
              {contact.hours && (
                <span className="inline-flex min-h-8 items-center text-slate-600">
                  Hours: {contact.hours}
                </span>
              )}
            </p>
          )}
        </div>
      ) : (
        <>
          <Field
            label="Level reached"
            hint="This vendor has no escalation ladder for the practice yet."
            error={errors.level?.message}
          >
            {(props) => (
              <input
                {...props}
                {...form.register("level", { valueAsNumber: true })}
                type="number"
                inputMode="numeric"
                min={1}
                max={10}
              />
            )}
          </Field>
          <Field label="Contact (optional)" error={errors.contactName?.message}>
            {(props) => <input {...props} {...form.register("contactName")} autoComplete="off" />}
          </Field>
        </>
      )}
      <Field
        label={`Escalated at (${zoneName(now, timeZone)})`}
        error={errors.escalatedAt?.message}
      >
        {(props) => <input {...props} {...form.register("escalatedAt")} type="datetime-local" />}
      </Field>
      <RoomFormActions
        problem={problem}
        onCancel={onDone}
        submitting={isSubmitting}
        submitLabel="Record the escalation"
      />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------

const etaFormSchema = z.object({ etaAt: momentField("the vendor's ETA") });
type EtaFields = z.infer<typeof etaFormSchema>;

export function EtaDialog({ ticket, onClose }: { ticket: Ticket | null; onClose: () => void }) {
  return (
    <Modal
      open={ticket !== null}
      title={ticket ? `Vendor's ETA for ${ticket.ticketNumber}` : "Vendor's ETA"}
      description="When the vendor expects service back. You are reminded to call again then."
      onClose={onClose}
    >
      {ticket && <EtaForm key={ticket.id} ticket={ticket} onDone={onClose} />}
    </Modal>
  );
}

function EtaForm({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const trpc = useTRPC();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const setEta = useMutation(trpc.incidents.setTicketEta.mutationOptions());
  const [now] = useState(() => new Date());
  const { form, submit, problem, setProblem } = useVersionedForm<EtaFields>({
    schema: etaFormSchema,
    defaultValues: { etaAt: ticket.etaAt ? toZonedInput(ticket.etaAt, timeZone) : "" },
    warnBeforeLeaving: false,
    onSave: (values) => save(fromZonedInput(values.etaAt, timeZone)),
  });
  const { errors, isSubmitting } = form.formState;

  async function save(etaAt: Date | null): Promise<SaveOutcome<EtaFields>> {
    const outcome = await run(
      () => setEta.mutateAsync({ practiceId, incidentId, ticketId: ticket.id, etaAt }),
      { success: etaAt ? "ETA saved" : "ETA cleared" },
    );
    if (outcome.ok) onDone();
    return toSaveOutcome(outcome);
  }

  async function clear() {
    setProblem(null);
    const outcome = await save(null);
    if (!outcome.saved) setProblem(outcome.problem ?? null);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {ticket.etaAt && (
        <p className="text-sm text-slate-700">Now: {formatShortMoment(ticket.etaAt, timeZone)}</p>
      )}
      <Field label={`ETA (${zoneName(now, timeZone)})`} error={errors.etaAt?.message}>
        {(props) => <input {...props} {...form.register("etaAt")} type="datetime-local" />}
      </Field>
      {problem && <RoomProblem problem={problem} />}
      <div className="flex flex-wrap justify-end gap-2">
        {ticket.etaAt && (
          <Button
            variant="secondary"
            disabled={isSubmitting || setEta.isPending}
            onClick={() => void clear()}
          >
            Clear the ETA
          </Button>
        )}
        <Button type="submit" disabled={isSubmitting || setEta.isPending}>
          {isSubmitting ? "Saving…" : "Save the ETA"}
        </Button>
      </div>
    </form>
  );
}
