"use client";

import { useMutation } from "@tanstack/react-query";
import { ClipboardCheck, ShieldAlert } from "lucide-react";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  incidentCauseLabels,
  incidentCauses,
  postIncidentReviewSchema,
  type IncidentCause,
} from "@/server/contracts/incidents";
import { formatShortMoment } from "@/components/ui/format";
import { Panel } from "./panel";
import { RaiseRiskDialog, type RiskDraft } from "./raise-risk-dialog";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

const reviewFormSchema = postIncidentReviewSchema.omit({
  practiceId: true,
  incidentId: true,
  version: true,
});
type ReviewFields = { cause: IncidentCause; wentWell: string; toChange: string };

/** The changes a review asks for, one per line (list markers dropped). */
export function actionsOf(toChange: string): string[] {
  return toChange
    .split("\n")
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").trim())
    .filter(Boolean)
    .slice(0, 20);
}

/** A short post-incident review: the cause, what went well, what to change — each change can become a risk. */
export function ReviewPanel({ view, className = "" }: { view: IncidentView; className?: string }) {
  const { access } = useRoom();
  const [raising, setRaising] = useState<RiskDraft | null>(null);
  const { incident } = view;
  const actions = actionsOf(incident.reviewToChange ?? "");

  return (
    <Panel id="review" title="Post-incident review" icon={ClipboardCheck} className={className}>
      {access.canWrite ? <ReviewForm view={view} /> : <ReviewSummary view={view} />}
      {incident.reviewedAt && actions.length > 0 && (
        <div className="mt-4 space-y-2 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-slate-800">Changes to make</h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {actions.map((action, index) => (
              <li
                key={`${index}-${action}`}
                className="flex flex-col gap-2 px-3 py-2 text-sm sm:flex-row sm:items-center sm:justify-between"
              >
                <span className="min-w-0 break-words">{action}</span>
                {access.canRaiseRisk && (
                  <Button
                    variant="secondary"
                    className="shrink-0"
                    aria-label={`Raise as risk: ${action.slice(0, 120)}`}
                    onClick={() =>
                      setRaising({
                        title: action.slice(0, 200),
                        description:
                          `From the post-incident review of “${incident.title}”: ${action}`.slice(
                            0,
                            4000,
                          ),
                      })
                    }
                  >
                    <ShieldAlert aria-hidden className="size-4" /> Raise as risk
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            A risk raised here goes to the practice&apos;s register and remembers this incident.
          </p>
        </div>
      )}
      {access.canRaiseRisk && (
        <RaiseRiskDialog view={view} draft={raising} onClose={() => setRaising(null)} />
      )}
    </Panel>
  );
}

function ReviewForm({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const save = useMutation(trpc.incidents.saveReview.mutationOptions());
  const { incident } = view;
  const latest = useMemo(
    () => ({
      values: {
        cause: (incident.reviewCause ?? "") as IncidentCause,
        wentWell: incident.reviewWentWell ?? "",
        toChange: incident.reviewToChange ?? "",
      },
      version: incident.version,
    }),
    [incident.reviewCause, incident.reviewWentWell, incident.reviewToChange, incident.version],
  );
  const { form, submit, problem, conflict, latestArrived, loadLatest, keepMine } =
    useVersionedForm<ReviewFields>({
      schema: reviewFormSchema,
      defaultValues: latest.values,
      version: latest.version,
      latest,
      onSave: async (values, version) => {
        const outcome = await run(
          () => save.mutateAsync({ ...values, version, practiceId, incidentId }),
          { success: "Review saved" },
        );
        return outcome.ok
          ? { saved: true, version: outcome.value.version }
          : toSaveOutcome(outcome);
      },
    });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {incident.reviewedAt && (
        <p className="text-sm text-slate-600">
          Last saved by {incident.reviewedByName},{" "}
          {formatShortMoment(incident.reviewedAt, timeZone)}.
        </p>
      )}
      <Field label="Cause" error={errors.cause?.message}>
        {(props) => (
          <select {...props} {...form.register("cause")}>
            <option value="">Choose the cause</option>
            {incidentCauses.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="What went well" error={errors.wentWell?.message}>
        {(props) => <textarea {...props} {...form.register("wentWell")} rows={3} />}
      </Field>
      <Field
        label="What to change"
        hint="One change per line: each can be raised as a risk for the next quarterly review."
        error={errors.toChange?.message}
      >
        {(props) => <textarea {...props} {...form.register("toChange")} rows={3} />}
      </Field>
      {problem && (
        <RoomProblem
          problem={problem}
          conflict={conflict}
          latestArrived={latestArrived}
          onLoadLatest={loadLatest}
          onKeepMine={keepMine}
        />
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || isSubmitting}>
          {isSubmitting ? "Saving…" : "Save review"}
        </Button>
      </div>
    </form>
  );
}

function ReviewSummary({ view }: { view: IncidentView }) {
  const { timeZone } = useRoom();
  const { incident } = view;
  if (!incident.reviewedAt) return <p className="text-sm text-slate-600">No review written yet.</p>;
  return (
    <dl className="space-y-3 text-sm">
      <div>
        <dt className="font-medium text-slate-600">Cause</dt>
        <dd className="text-slate-900">
          {incident.reviewCause ? incidentCauseLabels[incident.reviewCause] : "Not given"}
        </dd>
      </div>
      <div>
        <dt className="font-medium text-slate-600">What went well</dt>
        <dd className="whitespace-pre-line text-slate-900">{incident.reviewWentWell || "—"}</dd>
      </div>
      <div>
        <dt className="font-medium text-slate-600">What to change</dt>
        <dd className="whitespace-pre-line text-slate-900">{incident.reviewToChange || "—"}</dd>
      </div>
      <p className="text-xs text-slate-500">
        By {incident.reviewedByName}, {formatShortMoment(incident.reviewedAt, timeZone)}
      </p>
    </dl>
  );
}
