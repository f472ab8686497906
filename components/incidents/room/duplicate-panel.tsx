"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CopyCheck, CopyX } from "lucide-react";
import { useId, useState } from "react";
import { incidentHref } from "@/components/incidents/list/types";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatShortMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { Modal } from "@/components/ui/modal";
import { incidentStatusLabels } from "@/server/contracts/incidents";
import { incidentNumber } from "@/server/domain/incident-duplicates";
import { useRoom } from "./room-context";
import type { IncidentView } from "./types";
import { useRoomAction } from "./use-room-action";

/**
 * Duplicates in the room: a closed duplicate links to its main outage; a main outage lists what was
 * merged into it; and those who may close incidents mark an outage declared twice as a duplicate.
 */
export function DuplicatePanel({ view }: { view: IncidentView }) {
  const { access } = useRoom();
  const [open, setOpen] = useState(false);
  const { incident } = view;
  const practiceId = view.practice.id;
  const canMark =
    access.canWrite &&
    incident.kind === "unplanned" &&
    incident.status !== "closed" &&
    view.duplicates.length === 0;

  return (
    <>
      {view.duplicateOf && (
        <Alert>
          <span className="inline-flex flex-wrap items-center gap-x-1.5">
            <CopyCheck aria-hidden className="size-4" />
            Closed as a duplicate of{" "}
            <Link
              href={incidentHref({ practiceId, id: view.duplicateOf.id })}
              className="font-semibold text-brand-700 underline"
            >
              &ldquo;{view.duplicateOf.title}&rdquo; ({incidentNumber(view.duplicateOf.id)})
            </Link>
            : the outage is run there. What was recorded here stays readable.
          </span>
        </Alert>
      )}
      {view.duplicates.length > 0 && (
        <p className="flex flex-wrap items-center gap-x-1.5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          <CopyCheck aria-hidden className="size-4" />
          Merged into this outage:
          {view.duplicates.map((duplicate, index) => (
            <span key={duplicate.id}>
              <Link
                href={incidentHref({ practiceId, id: duplicate.id })}
                className="font-medium text-brand-700 underline"
              >
                &ldquo;{duplicate.title}&rdquo; ({incidentNumber(duplicate.id)})
              </Link>
              {index < view.duplicates.length - 1 ? "," : ""}
            </span>
          ))}
        </p>
      )}
      {canMark && (
        <div className="flex justify-end">
          <Button variant="secondary" onClick={() => setOpen(true)}>
            <CopyX aria-hidden className="size-4" /> Mark as duplicate of…
          </Button>
        </div>
      )}
      <Modal
        open={open}
        title="Mark as duplicate"
        description="This outage is closed as a duplicate of the one you choose; both timelines say so."
        onClose={() => setOpen(false)}
      >
        {open && <MarkDuplicateForm view={view} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function MarkDuplicateForm({ view, onDone }: { view: IncidentView; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const ids = useId();
  const candidates = useQuery(
    trpc.incidents.duplicateCandidates.queryOptions({ practiceId, incidentId }),
  );
  const mark = useMutation(trpc.incidents.markDuplicate.mutationOptions());
  const [chosen, setChosen] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const list = candidates.data ?? [];
  const target = list.find((candidate) => candidate.id === chosen) ?? list[0] ?? null;

  async function confirm() {
    if (!target) return;
    setProblem(null);
    const outcome = await run(
      () =>
        mark.mutateAsync({
          practiceId,
          incidentId,
          duplicateOfIncidentId: target.id,
          version: view.incident.version,
        }),
      { success: `Closed as a duplicate of “${target.title}”` },
    );
    if (!outcome.ok) {
      setProblem(outcome.problem.message);
      return;
    }
    // The banner and the lists drop the duplicate now.
    void queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
    onDone();
  }

  if (candidates.isPending) return <p className="text-sm text-slate-600">Loading outages…</p>;
  if (candidates.isError)
    return <Alert tone="error">Could not load the practice&rsquo;s outages. Try again.</Alert>;
  if (list.length === 0)
    return (
      <p className="text-sm text-slate-700">
        No other outage at {view.practice.name} is open or from the last week to merge this one
        into.
      </p>
    );
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={`${ids}-target`} className="block text-sm font-medium text-slate-900">
          Duplicate of
        </label>
        <select
          id={`${ids}-target`}
          value={target?.id ?? ""}
          onChange={(event) => setChosen(event.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
        >
          {list.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.title} ({incidentNumber(candidate.id)}) —{" "}
              {incidentStatusLabels[candidate.status].toLowerCase()}, started{" "}
              {formatShortMoment(candidate.startedAt, timeZone)}
            </option>
          ))}
        </select>
      </div>
      <p className="text-sm text-slate-700">
        &ldquo;{view.incident.title}&rdquo; is closed as a duplicate and counted once, in the main
        outage. Its vendor tickets, paper records and schedule marks stay here, readable; the main
        outage closes only once its records are entered into the EHR.
      </p>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} disabled={mark.isPending || !target}>
          {mark.isPending ? "Marking…" : "Mark as duplicate"}
        </Button>
      </div>
    </div>
  );
}
