"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  CalendarClock,
  ChevronRight,
  ClipboardPlus,
  DatabaseBackup,
  Info,
  Network,
  Pencil,
  ShieldAlert,
  Square,
  TriangleAlert,
  X,
} from "lucide-react";
import Link from "@/components/ui/link";
import { useState } from "react";
import { toast } from "sonner";
import { CriticalityBadge } from "@/components/dependencies/criticality";
import { categoryLabel } from "@/components/dependencies/types";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { useHydrated } from "@/components/ui/use-hydrated";
import { restoreKindLabels } from "@/server/contracts/backups";
import { humanDays } from "@/server/domain/durations";
import { formatMinutes } from "./format";
import { formatDayOf, formatMoment, relativeDays } from "@/components/ui/format";
import { RecordTestDialog } from "./record-test-dialog";
import { AgainstTarget, BackupFlags, ResultBadge } from "./status-badges";
import { TargetDialog } from "./target-dialog";
import {
  isTracked,
  type BackupSystem,
  type ProposedRisk,
  type RecordedTest,
  type TrackedSystem,
} from "./types";

type Proposal = { risk: ProposedRisk; systemName: string };

/** The practice's backed-up systems, how their restore tests stand, and the systems not tracked yet. */
export function BackupsOverview({
  practiceId,
  timeZone,
  canWrite,
  userName,
}: {
  practiceId: string;
  timeZone: string;
  canWrite: boolean;
  userName: string;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data } = useSuspenseQuery(trpc.backups.overview.queryOptions({ practiceId }));
  const [editing, setEditing] = useState<string | null>(null);
  const [recording, setRecording] = useState<string | null>(null);
  // Risks proposed by the tests recorded on this visit, newest first, until dismissed.
  const [proposals, setProposals] = useState<Proposal[]>([]);
  // The clock the "due in …" words are read against; the statuses themselves come from the server.
  const [now] = useState(() => new Date());

  const tracked = data.systems.filter(isTracked);
  const untracked = data.systems.filter((system) => !isTracked(system));
  const editingSystem = data.systems.find((system) => system.systemId === editing) ?? null;
  const risksHref = `/practices/${practiceId}/risks`;

  function recorded(result: RecordedTest, systemName: string) {
    const { risk, status } = result;
    if (risk) {
      setProposals((current) => [
        { risk, systemName },
        ...current.filter((item) => item.risk.id !== risk.id),
      ]);
      toast.warning(
        risk.isNew ? `Risk proposed: ${risk.title}` : `Already in the register: ${risk.title}`,
        {
          description: `The ${systemName} test is recorded. ${risk.isNew ? "Review the proposed risk in the register." : "The open risk in the register covers it."}`,
        },
      );
    } else {
      toast.success(`Restore test of ${systemName} recorded`, {
        description: status.overdue
          ? "Still overdue: the test is older than the cadence."
          : "It met its targets.",
      });
    }
  }

  if (data.systems.length === 0) {
    return (
      <EmptyState icon={Network} title="No systems on the dependency map yet">
        <p>
          Restore testing is set up per system of the practice&apos;s dependency map. Map the
          systems first (the EHR, the backup, Microsoft 365…), then come back.
        </p>
        <div className="mt-4 flex justify-center">
          <ButtonLink
            href={`/practices/${practiceId}/dependencies`}
            variant={canWrite ? "primary" : "secondary"}
          >
            <Network aria-hidden className="size-4" /> Go to the Dependencies tab
          </ButtonLink>
        </div>
      </EmptyState>
    );
  }

  const { summary } = data;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600" aria-label="Summary">
          <strong className="text-slate-900">{summary.tracked}</strong> tracked ·{" "}
          <strong className={summary.overdue > 0 ? "text-amber-900" : "text-slate-900"}>
            {summary.overdue}
          </strong>{" "}
          overdue ·{" "}
          <strong className={summary.failing > 0 ? "text-red-800" : "text-slate-900"}>
            {summary.failing}
          </strong>{" "}
          failing
          {untracked.length > 0 && (
            <>
              {" "}
              · <strong className="text-slate-900">{untracked.length}</strong> not tracked
            </>
          )}
        </p>
        {canWrite && tracked.length > 0 && (
          <Button
            disabled={!hydrated}
            onClick={() =>
              setRecording(
                tracked.find((system) => system.status.overdue)?.systemId ?? tracked[0]!.systemId,
              )
            }
          >
            <ClipboardPlus aria-hidden className="size-4" /> Record a restore test
          </Button>
        )}
      </div>
      {!canWrite && (
        <p role="note" className="flex items-center gap-1.5 text-sm text-slate-600">
          <Info aria-hidden className="size-4 shrink-0" /> You can read the restore tests; MSP
          technicians and admins record them and set the targets.
        </p>
      )}

      {proposals.length > 0 && (
        <div className="space-y-2">
          {proposals.map((proposal) => (
            <ProposalAlert
              key={proposal.risk.id}
              proposal={proposal}
              href={risksHref}
              onDismiss={() =>
                setProposals((current) => current.filter((item) => item !== proposal))
              }
            />
          ))}
        </div>
      )}

      <section aria-labelledby="tracked-systems" className="space-y-3">
        <h2 id="tracked-systems" className="text-lg font-semibold text-slate-900">
          Backed-up systems
        </h2>
        {tracked.length === 0 ? (
          <div className="flex items-start gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
            <DatabaseBackup aria-hidden className="size-5 shrink-0 text-slate-400" />
            <p>
              No restore testing set up yet.{" "}
              {canWrite
                ? "Start with the systems that hold patient data: choose “Set up” next to the EHR or the backup below."
                : "An MSP technician sets up which systems are tested, and how often."}
            </p>
          </div>
        ) : (
          <ul className="grid gap-4 xl:grid-cols-2">
            {tracked.map((system) => (
              <li key={system.systemId}>
                <SystemCard
                  practiceId={practiceId}
                  system={system}
                  timeZone={timeZone}
                  now={now}
                  canWrite={canWrite}
                  hydrated={hydrated}
                  onEdit={() => setEditing(system.systemId)}
                  onRecord={() => setRecording(system.systemId)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      {untracked.length > 0 && (
        <section aria-labelledby="untracked-systems" className="space-y-3">
          <div>
            <h2 id="untracked-systems" className="text-lg font-semibold text-slate-900">
              Not tracked
            </h2>
            <p className="text-sm text-slate-600">
              Systems on the map with no restore testing. Not every system needs it (a switch, the
              printers); anything holding data does.
            </p>
          </div>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {untracked.map((system) => (
              <UntrackedRow
                key={system.systemId}
                system={system}
                canWrite={canWrite}
                hydrated={hydrated}
                onSetUp={() => setEditing(system.systemId)}
              />
            ))}
          </ul>
        </section>
      )}

      {canWrite && (
        <>
          <TargetDialog
            practiceId={practiceId}
            system={editingSystem}
            onClose={() => setEditing(null)}
          />
          <RecordTestDialog
            practiceId={practiceId}
            systems={tracked}
            systemId={recording}
            timeZone={timeZone}
            userName={userName}
            onClose={() => setRecording(null)}
            onRecorded={recorded}
          />
        </>
      )}
    </div>
  );
}

function ProposalAlert({
  proposal,
  href,
  onDismiss,
}: {
  proposal: Proposal;
  href: string;
  onDismiss: () => void;
}) {
  const { risk, systemName } = proposal;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-md border-2 border-amber-600 bg-amber-50 px-3 py-2.5 text-sm text-amber-950"
    >
      <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {risk.isNew ? "Risk proposed: " : "Already in the register: "}
          {risk.title}
        </p>
        <p className="mt-0.5">
          {risk.isNew
            ? `The ${systemName} restore test missed its targets, so ${risk.severity === "urgent" ? "an urgent" : `a ${risk.severity}-severity`} risk was added to the register. Give it an owner and decide: fix now, schedule or accept.`
            : `The ${systemName} restore test missed its targets again; the open risk in the register already covers it.`}{" "}
          <Link href={href} className="font-medium underline">
            Open the risk register
          </Link>
        </p>
      </div>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded p-1 hover:bg-amber-100"
        aria-label="Dismiss"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}

function SystemCard({
  practiceId,
  system,
  timeZone,
  now,
  canWrite,
  hydrated,
  onEdit,
  onRecord,
}: {
  practiceId: string;
  system: TrackedSystem;
  timeZone: string;
  now: Date;
  canWrite: boolean;
  hydrated: boolean;
  onEdit: () => void;
  onRecord: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stop = useMutation(
    trpc.backups.removeTarget.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.backups.overview.queryKey({ practiceId }),
        });
        toast.success(`${system.name} is no longer tracked`, {
          description: "Its recorded tests stay in the history.",
        });
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not stop tracking it. Try again.").message);
      },
    }),
  );
  const { target, status, lastTest } = system;
  const headingId = `backup-${system.systemId}`;
  const flagged = status.overdue || status.failing;

  return (
    <article
      aria-labelledby={headingId}
      className={`h-full rounded-lg border bg-white ${status.failing ? "border-red-300" : status.overdue ? "border-amber-300" : "border-slate-200"}`}
    >
      <header className="flex flex-col gap-2 border-b border-slate-100 px-4 py-3 sm:px-5">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {system.name}
          </h3>
          <BackupFlags overdue={status.overdue} failing={status.failing} />
          <CriticalityBadge criticality={system.criticality} />
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {categoryLabel(system.category)}
          </span>
        </div>
        {flagged && status.problems.length > 0 && (
          <ul aria-label={`Problems with ${system.name}`} className="space-y-0.5 text-sm">
            {status.problems.map((problem) => (
              <li
                key={problem}
                className={`flex items-start gap-1.5 ${status.failing ? "text-red-800" : "text-amber-900"}`}
              >
                <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" /> {problem}
              </li>
            ))}
          </ul>
        )}
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 px-4 py-3 text-sm sm:px-5">
        <dt className="text-slate-500">Test every</dt>
        <dd>{humanDays(target.cadenceDays)}</dd>
        <dt className="text-slate-500">Targets</dt>
        <dd>
          Restore within {formatMinutes(target.rtoMinutes)} (RTO) · data at most{" "}
          {formatMinutes(target.rpoMinutes)} old (RPO)
        </dd>
        <dt className="text-slate-500">Last test</dt>
        <dd>
          {lastTest ? (
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>{formatMoment(lastTest.testedAt, timeZone)}</span>
              <ResultBadge result={lastTest.result} />
              <span className="text-slate-600">
                {restoreKindLabels[lastTest.kind]} · by {lastTest.testedByName}
              </span>
            </span>
          ) : (
            <span className="font-medium text-amber-900">Never tested</span>
          )}
        </dd>
        {lastTest && (
          <>
            <dt className="text-slate-500">Time to restore</dt>
            <dd>
              <AgainstTarget value={lastTest.restoreMinutes} target={target.rtoMinutes} />
            </dd>
            <dt className="text-slate-500">Data age</dt>
            <dd>
              <AgainstTarget value={lastTest.dataAgeMinutes} target={target.rpoMinutes} />
            </dd>
          </>
        )}
        <dt className="text-slate-500">Next due</dt>
        <dd className="flex items-center gap-1">
          {status.nextDueAt ? (
            <>
              <CalendarClock aria-hidden className="size-3.5 shrink-0 text-slate-500" />
              <span className={status.overdue ? "font-semibold text-amber-900" : undefined}>
                {formatDayOf(status.nextDueAt, timeZone)} (
                {status.overdue
                  ? `was due ${relativeDays(status.nextDueAt, now, timeZone)}`
                  : relativeDays(status.nextDueAt, now, timeZone)}
                )
              </span>
            </>
          ) : (
            <span className="font-semibold text-amber-900">Now — no test recorded yet</span>
          )}
        </dd>
      </dl>
      {canWrite && (
        <div className="flex flex-wrap gap-2 border-t border-slate-100 px-4 py-3 sm:px-5">
          <Button
            variant={flagged ? "primary" : "secondary"}
            className="min-h-9 py-1"
            disabled={!hydrated}
            onClick={onRecord}
          >
            <ClipboardPlus aria-hidden className="size-4" /> Record test
            <span className="sr-only"> of {system.name}</span>
          </Button>
          <Button
            variant="secondary"
            className="min-h-9 py-1"
            disabled={!hydrated}
            onClick={onEdit}
          >
            <Pencil aria-hidden className="size-4" /> Edit targets
            <span className="sr-only"> of {system.name}</span>
          </Button>
          <ConfirmButton
            label={
              <>
                <Square aria-hidden className="size-4" /> Stop tracking
                <span className="sr-only"> {system.name}</span>
              </>
            }
            title={`Stop tracking ${system.name}?`}
            confirmLabel="Stop tracking"
            disabled={!hydrated || stop.isPending}
            onConfirm={() => stop.mutate({ practiceId, systemId: system.systemId })}
          >
            {system.name} will no longer be tested on a cadence or flagged when overdue. Its
            recorded tests stay in the history; you can set it up again later.
          </ConfirmButton>
        </div>
      )}
    </article>
  );
}

function UntrackedRow({
  system,
  canWrite,
  hydrated,
  onSetUp,
}: {
  system: BackupSystem;
  canWrite: boolean;
  hydrated: boolean;
  onSetUp: () => void;
}) {
  return (
    <li className="flex flex-col gap-2 px-4 py-2.5 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-900">{system.name}</span>
          <CriticalityBadge criticality={system.criticality} />
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {categoryLabel(system.category)}
          </span>
        </div>
        <p className="mt-0.5 text-sm text-slate-600">No restore testing yet</p>
      </div>
      {canWrite && (
        <Button
          variant="ghost"
          className="min-h-9 self-start py-1 text-brand-800 underline-offset-2 hover:underline sm:self-auto"
          disabled={!hydrated}
          onClick={onSetUp}
          aria-label={`Set up restore testing for ${system.name}`}
        >
          Set up
          <ChevronRight aria-hidden className="size-4" />
        </Button>
      )}
    </li>
  );
}
