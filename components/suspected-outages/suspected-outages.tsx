"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Activity, CircleSlash, Radar, Siren, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { durationLabel, minutesBetween } from "@/components/incidents/list/format";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { useActionKey } from "@/components/ui/use-action-key";
import {
  dismissSuspectedSchema,
  suspectedOutageStatusLabels,
} from "@/server/contracts/suspected-outages";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Suspected = inferRouterOutputs<AppRouter>["suspectedOutages"]["open"][number];

/** How often the open list is asked again: the portfolio shows a new one within seconds. */
const REFRESH_MS = 5_000;

export const declareHref = (row: { practiceId: string | null; id: string }) =>
  `/incidents/new?practiceId=${row.practiceId}&suspectedOutageId=${row.id}`;

/**
 * The outages the monitors saw and nobody has declared yet, on the portfolio: each with a way to
 * declare it (the form pre-filled) or dismiss it with a reason; vendor-wide proposals first.
 */
export function SuspectedOutagesPanel({
  canDeclare,
  canLink,
}: {
  canDeclare: boolean;
  canLink: boolean;
}) {
  const trpc = useTRPC();
  const { data, dataUpdatedAt } = useQuery({
    ...trpc.suspectedOutages.open.queryOptions(),
    refetchInterval: REFRESH_MS,
  });
  const rows = data ?? [];
  if (rows.length === 0) return null;
  const vendorWide = rows.filter((row) => row.scope === "vendor_wide");
  const local = rows.filter((row) => row.scope === "local");
  return (
    <section
      aria-labelledby="suspected-heading"
      className="mb-4 rounded-lg border-2 border-amber-500 bg-amber-50 p-4"
    >
      <h2
        id="suspected-heading"
        className="flex items-center gap-2 text-base font-semibold text-amber-950"
      >
        <Activity aria-hidden className="size-5 shrink-0" />
        Suspected outages ({local.length}) — seen by the monitors, not declared yet
      </h2>
      <ul className="mt-3 space-y-2">
        {vendorWide.map((row) => (
          <li key={row.id}>
            <VendorWideItem row={row} canLink={canLink} now={dataUpdatedAt} />
          </li>
        ))}
        {local.map((row) => (
          <li key={row.id}>
            <SuspectedItem row={row} canDeclare={canDeclare} now={dataUpdatedAt} showPractice />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Since({ row, now }: { row: Suspected; now: number }) {
  return (
    <span className="text-sm text-slate-700">
      seen {durationLabel(minutesBetween(row.openedAt, now))} ago
    </span>
  );
}

export function SuspectedItem({
  row,
  canDeclare,
  now,
  showPractice = false,
}: {
  row: Suspected;
  canDeclare: boolean;
  now: number;
  showPractice?: boolean;
}) {
  const [dismissing, setDismissing] = useState(false);
  const summaryId = `suspected-${row.id}`;
  return (
    <div
      role="group"
      aria-labelledby={summaryId}
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-white p-3 sm:flex-row sm:items-center sm:justify-between"
    >
      <div>
        <p id={summaryId} className="flex items-center gap-1.5 font-medium text-slate-900">
          {row.effect === "degraded" ? (
            <TriangleAlert aria-hidden className="size-4 shrink-0 text-amber-700" />
          ) : (
            <Siren aria-hidden className="size-4 shrink-0 text-red-700" />
          )}
          {row.effect === "degraded"
            ? `${row.systemName} is down (redundancy lost, still running on the other)`
            : `${row.systemName} is down`}
          {showPractice && row.practiceName ? ` at ${row.practiceName}` : ""}
        </p>
        <p>
          <Since row={row} now={now} />
          {row.vendorWideId && (
            <span className="ml-2 text-sm text-violet-800">· part of a vendor-wide suspicion</span>
          )}
        </p>
      </div>
      {canDeclare && (
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={declareHref(row)} variant="danger">
            <Siren aria-hidden className="size-4" /> Declare
          </ButtonLink>
          <Button variant="secondary" onClick={() => setDismissing(true)}>
            <CircleSlash aria-hidden className="size-4" /> Dismiss
          </Button>
        </div>
      )}
      <DismissDialog row={row} open={dismissing} onClose={() => setDismissing(false)} />
    </div>
  );
}

function DismissDialog({
  row,
  open,
  onClose,
}: {
  row: Suspected;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const dismiss = useMutation(
    trpc.suspectedOutages.dismiss.mutationOptions({
      onSuccess: async () => {
        toast.success(`Dismissed: ${row.systemName}`);
        onClose();
        await queryClient.invalidateQueries({ queryKey: trpc.suspectedOutages.pathKey() });
      },
      onError: (problem) => setError(callProblem(problem, "Could not dismiss it.").message),
    }),
  );
  return (
    <Modal open={open} title={`Not an outage: ${row.systemName}`} onClose={onClose}>
      <form
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const input = {
            practiceId: row.practiceId!,
            suspectedOutageId: row.id,
            reason,
          };
          const checked = dismissSuspectedSchema.safeParse(input);
          if (!checked.success) return setError(checked.error.issues[0]?.message);
          dismiss.mutate(checked.data);
        }}
      >
        <Field
          label="Why is it not an outage?"
          hint="Kept with the suspected outage (e.g. a planned restart, a monitor to fix)."
          error={error}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={dismiss.isPending}>
            Dismiss
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function VendorWideItem({ row, canLink, now }: { row: Suspected; canLink: boolean; now: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const action = useActionKey();
  const [severity, setSeverity] = useState<"critical" | "major" | "minor">("major");
  const [patientCare, setPatientCare] = useState(false);
  const declare = useMutation(
    trpc.suspectedOutages.declareVendorWide.mutationOptions({
      onSuccess: async ({ incidentIds }) => {
        toast.success(
          `Declared one ${row.systemName} outage at ${incidentIds.length} practices, linked as vendor-wide.`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.suspectedOutages.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
      },
      onError: (problem) =>
        toast.error(callProblem(problem, "Could not declare it. Try again.").message),
    }),
  );
  const summaryId = `vendor-wide-suspected-${row.id}`;
  return (
    <div
      role="group"
      aria-labelledby={summaryId}
      className="rounded-md border-2 border-violet-300 bg-violet-50 p-3"
    >
      <p id={summaryId} className="flex items-center gap-1.5 font-medium text-violet-950">
        <Radar aria-hidden className="size-4 shrink-0" />
        Looks vendor-wide: {row.systemName} systems down at {row.practices.length} practices
      </p>
      <p className="text-sm text-slate-700">
        {row.practices.map((practice) => practice.practiceName).join(", ")} ·{" "}
        <Since row={row} now={now} />
      </p>
      {canLink && (
        <div className="mt-2 flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block text-slate-700">Severity</span>
            <select
              className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
              value={severity}
              onChange={(event) => setSeverity(event.target.value as typeof severity)}
            >
              <option value="critical">Critical</option>
              <option value="major">Major</option>
              <option value="minor">Minor</option>
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={patientCare}
              onChange={(event) => setPatientCare(event.target.checked)}
            />
            Patient care interrupted
          </label>
          <Button
            variant="danger"
            disabled={declare.isPending}
            onClick={() =>
              declare.mutate({
                vendorWideId: row.id,
                severity,
                patientCareInterrupted: patientCare,
                idempotencyKey: action.key,
              })
            }
          >
            <Siren aria-hidden className="size-4" /> Declare vendor-wide outage
          </Button>
        </div>
      )}
    </div>
  );
}

/** A practice's suspected outages on its overview: open ones to act on, then the history. */
export function PracticeSuspectedOutages({
  practiceId,
  canDeclare,
}: {
  practiceId: string;
  canDeclare: boolean;
}) {
  const trpc = useTRPC();
  const { data, dataUpdatedAt } = useQuery({
    ...trpc.suspectedOutages.forPractice.queryOptions({ practiceId }),
    refetchInterval: 15_000,
  });
  const rows = data ?? [];
  if (rows.length === 0) return null;
  const open = rows.filter((row) => row.status === "open");
  const past = rows.filter((row) => row.status !== "open");
  return (
    <section
      aria-labelledby="practice-suspected-heading"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="practice-suspected-heading" className="mb-3 flex items-center gap-2 font-semibold">
        <Activity aria-hidden className="size-5" /> Seen by the monitors
      </h2>
      {open.length > 0 && (
        <ul className="mb-3 space-y-2">
          {open.map((row) => (
            <li key={row.id}>
              <SuspectedItem row={row} canDeclare={canDeclare} now={dataUpdatedAt} />
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <ul aria-label="Past suspected outages" className="divide-y divide-slate-100 text-sm">
          {past.map((row) => (
            <li key={row.id} className="flex flex-wrap gap-x-2 py-1.5">
              <span className="font-medium">{row.systemName}</span>
              <span className="text-slate-600">
                {new Date(row.openedAt).toLocaleString()} ·{" "}
                {suspectedOutageStatusLabels[row.status]}
                {row.status === "cleared" && row.recoveredAt
                  ? ` after ${durationLabel(minutesBetween(row.openedAt, new Date(row.recoveredAt).getTime()))}`
                  : ""}
                {row.dismissedReason ? ` — “${row.dismissedReason}” (${row.endedByName})` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
