"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  AlarmClock,
  ArrowRight,
  CalendarClock,
  CalendarPlus,
  CircleCheck,
  ClipboardPen,
  Pencil,
  ShieldAlert,
  Siren,
  Users,
  X,
} from "lucide-react";
import Link from "@/components/ui/link";
import { useState } from "react";
import { toast } from "sonner";
import { formatMoment } from "@/components/ui/format";
import { RiskDialog, type RiskTarget } from "@/components/risks/risk-dialog";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { useHydrated } from "@/components/ui/use-hydrated";
import { drillKindLabels } from "@/server/contracts/drills";
import { DrillPlanDialog, kindLook, type PlanTarget } from "./drill-plan-dialog";
import { DrillResultDialog } from "./drill-result-dialog";
import { StepTimes } from "./step-times";
import type { Drill } from "./types";

const time = (value: Date | string) => new Date(value).getTime();

/** A practice's downtime drills: upcoming ones to run, held ones with their step times and findings. */
export function PracticeDrills({
  practiceId,
  timeZone,
  canWrite,
  canRaiseRisks,
}: {
  practiceId: string;
  timeZone: string;
  canWrite: boolean;
  canRaiseRisks: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data: drills } = useSuspenseQuery(trpc.drills.list.queryOptions({ practiceId }));
  const [planning, setPlanning] = useState<PlanTarget | null>(null);
  const [recording, setRecording] = useState<Drill | null>(null);
  const [raising, setRaising] = useState<RiskTarget | null>(null);
  // When the page opened: a planned drill whose time has passed asks to be recorded.
  const [now] = useState(() => Date.now());

  const upcoming = drills
    .filter((drill) => !drill.heldAt)
    .sort((a, b) => time(a.scheduledFor) - time(b.scheduledFor));
  const held = drills
    .filter((drill) => drill.heldAt)
    .sort((a, b) => time(b.heldAt!) - time(a.heldAt!));

  const raise = (drill: Drill, finding: string) => {
    const title = finding.trim().length > 200 ? `${finding.trim().slice(0, 199)}…` : finding.trim();
    const context = `Found in the ${drillKindLabels[drill.kind].toLowerCase()} drill held ${formatMoment(drill.heldAt!, timeZone)} (${drill.scenario})`;
    setRaising({
      mode: "new",
      heading: "Raise a finding as a risk",
      description: `${context}. Check the title, severity and owner, then add it to the register.`,
      fromDrillId: drill.id,
      fromDrillFinding: finding,
      prefill: {
        title,
        description: `${finding.trim()}\n\n${context}.`.slice(0, 4000),
        severity: "medium",
        category: "other",
      },
    });
  };

  const cardOf = (drill: Drill) => (
    <DrillCard
      practiceId={practiceId}
      drill={drill}
      timeZone={timeZone}
      canWrite={canWrite}
      canRaiseRisks={canRaiseRisks}
      hydrated={hydrated}
      now={now}
      onEditPlan={() => setPlanning({ mode: "edit", drill })}
      onRecord={() => setRecording(drill)}
      onRaise={(finding) => raise(drill, finding)}
    />
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        {drills.length > 0 ? (
          <p className="text-sm text-slate-600">
            <strong className="text-slate-900">{upcoming.length}</strong> upcoming ·{" "}
            <strong className="text-slate-900">{held.length}</strong> held
            {held[0]?.heldAt && <> · last held {formatMoment(held[0].heldAt, timeZone)}</>}
          </p>
        ) : (
          <span />
        )}
        {canWrite && (
          <Button disabled={!hydrated} onClick={() => setPlanning({ mode: "new" })}>
            <CalendarPlus aria-hidden className="size-4" /> Schedule a drill
          </Button>
        )}
      </div>

      {drills.length === 0 ? (
        <EmptyState
          icon={Siren}
          title="No drills yet — schedule a tabletop exercise for the next quarter"
        >
          {canWrite
            ? "Walk the front desk, a provider and the outage owner through a downtime: who notices, who declares it, who calls the vendor, how the switch to paper goes, how the day is recovered. Time each step."
            : "The MSP or the practice manager schedules downtime exercises here; held drills show how long each step took and what was found."}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="drills-upcoming" className="space-y-3">
            <h2 id="drills-upcoming" className="text-lg font-semibold text-slate-900">
              Upcoming
            </h2>
            {upcoming.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">
                No drill planned.
                {canWrite ? " Schedule the next one so the practice keeps practising." : ""}
              </p>
            ) : (
              <ul className="space-y-3">
                {upcoming.map((drill) => (
                  <li key={drill.id}>{cardOf(drill)}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="drills-held" className="space-y-3">
            <h2 id="drills-held" className="text-lg font-semibold text-slate-900">
              Held
            </h2>
            {held.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">
                No drill held yet. After a drill, record who took part, how long each step took and
                what was found.
              </p>
            ) : (
              <ul className="space-y-3">
                {held.map((drill) => (
                  <li key={drill.id}>{cardOf(drill)}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      {canWrite && (
        <>
          <DrillPlanDialog
            practiceId={practiceId}
            timeZone={timeZone}
            target={planning}
            onClose={() => setPlanning(null)}
          />
          <DrillResultDialog
            practiceId={practiceId}
            timeZone={timeZone}
            drill={recording}
            onClose={() => setRecording(null)}
          />
        </>
      )}
      {canRaiseRisks && (
        <RiskDialog practiceId={practiceId} target={raising} onClose={() => setRaising(null)} />
      )}
    </div>
  );
}

function DrillStatus({ drill, now }: { drill: Drill; now: number }) {
  const badge = "inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs";
  if (drill.heldAt)
    return (
      <span
        className={`${badge} border border-emerald-700 bg-emerald-50 font-medium text-emerald-900`}
      >
        <CircleCheck aria-hidden className="size-3.5" /> Held
      </span>
    );
  if (time(drill.scheduledFor) < now)
    return (
      <span
        className={`${badge} border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900`}
      >
        <AlarmClock aria-hidden className="size-3.5" /> Date passed — record how it went
      </span>
    );
  return (
    <span className={`${badge} border border-sky-600 bg-sky-50 font-medium text-sky-900`}>
      <CalendarClock aria-hidden className="size-3.5" /> Planned
    </span>
  );
}

function DrillCard({
  practiceId,
  drill,
  timeZone,
  canWrite,
  canRaiseRisks,
  hydrated,
  now,
  onEditPlan,
  onRecord,
  onRaise,
}: {
  practiceId: string;
  drill: Drill;
  timeZone: string;
  canWrite: boolean;
  canRaiseRisks: boolean;
  hydrated: boolean;
  now: number;
  onEditPlan: () => void;
  onRecord: () => void;
  onRaise: (finding: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.drills.cancel.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.drills.list.queryKey({ practiceId }),
        });
        toast.success("Drill cancelled");
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not cancel the drill. Try again.").message);
      },
    }),
  );
  const { Icon } = kindLook[drill.kind];
  const headingId = `drill-${drill.id}`;
  const kind = drillKindLabels[drill.kind];
  const when = formatMoment(drill.heldAt ?? drill.scheduledFor, timeZone);

  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-col gap-3 px-4 py-3 sm:px-5 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">
              <Icon aria-hidden className="size-3.5" /> {kind}
            </span>
            <DrillStatus drill={drill} now={now} />
          </div>
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {kind} drill {drill.heldAt ? "held" : "on"} {when}
          </h3>
          <p className="whitespace-pre-line text-sm text-slate-700">{drill.scenario}</p>
          {drill.heldAt && formatMoment(drill.scheduledFor, timeZone) !== when && (
            <p className="text-xs text-slate-500">
              Planned for {formatMoment(drill.scheduledFor, timeZone)}
            </p>
          )}
        </div>
        {canWrite && (
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button
              variant={drill.heldAt ? "secondary" : "primary"}
              disabled={!hydrated}
              onClick={onRecord}
            >
              <ClipboardPen aria-hidden className="size-4" />{" "}
              {drill.heldAt ? "Edit results" : "Record how it went"}
            </Button>
            <Button variant="secondary" disabled={!hydrated} onClick={onEditPlan}>
              <Pencil aria-hidden className="size-4" /> Edit plan
            </Button>
            {!drill.heldAt && (
              <ConfirmButton
                label={
                  <>
                    <X aria-hidden className="size-4" /> Cancel drill
                  </>
                }
                title="Cancel this drill?"
                confirmLabel="Cancel the drill"
                disabled={!hydrated || cancel.isPending}
                onConfirm={() => cancel.mutate({ practiceId, drillId: drill.id })}
              >
                The {kind.toLowerCase()} drill on {when} is removed from the plan. A drill that was
                held cannot be cancelled; record how it went instead.
              </ConfirmButton>
            )}
          </div>
        )}
      </header>

      {drill.heldAt && (
        <div className="grid gap-5 border-t border-slate-100 px-4 py-3 sm:px-5 lg:grid-cols-2">
          <div className="space-y-4">
            <div>
              <h4 className="mb-1 flex items-center gap-1.5 text-sm font-semibold text-slate-800">
                <Users aria-hidden className="size-4" /> Who took part
              </h4>
              {drill.participants.length === 0 ? (
                <p className="text-sm text-slate-500">Nobody recorded.</p>
              ) : (
                <ul aria-label="Participants" className="flex flex-wrap gap-1.5">
                  {drill.participants.map((name, index) => (
                    <li
                      key={index}
                      className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-800"
                    >
                      {name}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <StepTimes drill={drill} caption="Step times (minutes)" />
          </div>
          <div>
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <h4 className="text-sm font-semibold text-slate-800">Findings</h4>
              {drill.risksRaised > 0 && (
                <Link
                  href={`/practices/${practiceId}/risks`}
                  className="inline-flex items-center gap-1 rounded border border-slate-300 px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-slate-50"
                >
                  <ShieldAlert aria-hidden className="size-3.5" />
                  {drill.risksRaised} risk{drill.risksRaised === 1 ? "" : "s"} raised
                </Link>
              )}
            </div>
            {drill.findings.length === 0 ? (
              <p className="text-sm text-slate-500">No findings recorded.</p>
            ) : (
              <ol aria-label="Findings" className="space-y-2">
                {drill.findings.map((finding, index) => {
                  const raised = drill.raisedFindings.find((item) => item.finding === finding);
                  return (
                    <li
                      key={index}
                      className="flex flex-col gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm sm:flex-row sm:items-start sm:justify-between"
                    >
                      <p className="min-w-0 whitespace-pre-line">{finding}</p>
                      {raised ? (
                        <Link
                          href={`/practices/${practiceId}/risks/${raised.riskId}`}
                          className="inline-flex min-h-9 shrink-0 items-center gap-1 self-start font-medium text-brand-700 underline-offset-2 hover:underline"
                        >
                          <ShieldAlert aria-hidden className="size-4" /> Raised as risk
                          <span className="sr-only">: {finding.slice(0, 80)}</span>
                          <ArrowRight aria-hidden className="size-4" />
                        </Link>
                      ) : (
                        canRaiseRisks && (
                          <Button
                            variant="secondary"
                            className="min-h-9 shrink-0 self-start py-1"
                            disabled={!hydrated}
                            onClick={() => onRaise(finding)}
                          >
                            <ShieldAlert aria-hidden className="size-4" /> Raise as risk
                            <span className="sr-only">: {finding.slice(0, 80)}</span>
                          </Button>
                        )
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
