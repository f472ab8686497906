"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Activity, Copy, Pause, Pencil, Play, Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { formatMoment } from "@/components/ui/format";
import { Modal } from "@/components/ui/modal";
import Link from "@/components/ui/link";
import { Pagination } from "@/components/ui/pagination";
import { SaveProblem } from "@/components/ui/save-problem";
import { monitorKindLabels } from "@/server/contracts/monitors";
import { emptyMonitor, MonitorForm, type MonitorFormValues } from "./monitor-form";
import { MonitorStatusBadge } from "./monitor-status";
import { MONITORS_PAGE_SIZE } from "./page-size";

type Monitor = {
  id: string;
  systemId: string;
  systemName: string;
  name: string;
  kind: MonitorFormValues["kind"];
  target: string;
  port: number | null;
  settings: Record<string, unknown>;
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  failureThreshold: number;
  recoveryThreshold: number;
  status: Parameters<typeof MonitorStatusBadge>[0]["status"];
  lastCheckedAt: Date | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  maintenanceWindowId: string | null;
  pausedReason: string | null;
  pausedUntil: Date | null;
  version: number;
};

const formFields = Object.keys(emptyMonitor("")) as (keyof MonitorFormValues)[];

function valuesOf(monitor: Monitor): MonitorFormValues {
  const settings = monitor.settings as Partial<MonitorFormValues>;
  return {
    ...emptyMonitor(monitor.systemId),
    ...settings,
    name: monitor.name,
    kind: monitor.kind,
    target: monitor.target,
    port: monitor.port,
    intervalSeconds: monitor.intervalSeconds,
    timeoutSeconds: monitor.timeoutSeconds,
    retries: monitor.retries,
    failureThreshold: monitor.failureThreshold,
    recoveryThreshold: monitor.recoveryThreshold,
  };
}

/** A practice's monitors, down first, with adding, changing, pausing and deleting for those who may. */
export function MonitorsPanel({
  practiceId,
  timeZone,
  canWrite,
  page,
}: {
  practiceId: string;
  timeZone: string;
  canWrite: boolean;
  page: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(
    trpc.monitors.list.queryOptions({ practiceId, page, pageSize: MONITORS_PAGE_SIZE }),
  );
  const { data: systems } = useSuspenseQuery(trpc.monitors.systems.queryOptions({ practiceId }));
  const [editing, setEditing] = useState<Monitor | "new" | null>(null);
  const [pausing, setPausing] = useState<Monitor | null>(null);
  const [pushUrl, setPushUrl] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.monitors.pathKey() });
  const resume = useMutation(trpc.monitors.resume.mutationOptions());
  const remove = useMutation(trpc.monitors.delete.mutationOptions());

  async function act(what: string, call: () => Promise<unknown>) {
    try {
      await call();
      toast.success(what);
    } catch (error) {
      toast.error(callProblem(error).message);
    }
    await refresh();
  }

  return (
    <section aria-labelledby="monitors-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="monitors-heading" className="text-lg font-semibold text-slate-900">
          Monitors
        </h2>
        {canWrite && systems.length > 0 && (
          <Button onClick={() => setEditing("new")}>
            <Plus aria-hidden className="size-4" /> Add monitor
          </Button>
        )}
      </div>
      {pushUrl && (
        <Alert tone="info">
          <p className="font-medium">
            The heartbeat&apos;s secret address — copy it now, it is shown only once:
          </p>
          <p className="mt-1 break-all font-mono text-sm" data-testid="push-url">
            {pushUrl}
          </p>
          <p className="mt-1 text-sm">
            Have the clinic&apos;s server call it (GET or POST) at the monitor&apos;s interval, e.g.
            with a scheduled task running <code>curl -fsS &lt;address&gt;</code>.
          </p>
          <div className="mt-2 flex gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                void navigator.clipboard?.writeText(pushUrl).then(() => toast.success("Copied"))
              }
            >
              <Copy aria-hidden className="size-4" /> Copy
            </Button>
            <Button variant="ghost" onClick={() => setPushUrl(null)}>
              Done
            </Button>
          </div>
        </Alert>
      )}
      {data.items.length === 0 ? (
        <EmptyState icon={Activity} title="No monitors yet">
          {systems.length === 0
            ? "Add the practice's systems on the Dependencies tab first; monitors watch them."
            : canWrite
              ? "Add one for the EHR first: its web address, or a heartbeat from the clinic's server."
              : "The MSP has not set up monitors for this practice yet."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {data.items.map((monitor) => (
            <li
              key={monitor.id}
              className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <MonitorStatusBadge status={monitor.status} />
                  <Link
                    href={`/practices/${practiceId}/monitors/${monitor.id}`}
                    className="font-medium text-teal-800 underline-offset-2 hover:underline"
                  >
                    {monitor.name}
                  </Link>
                  <span className="text-sm text-slate-600">on {monitor.systemName}</span>
                </div>
                <p className="break-all text-sm text-slate-600">
                  {monitorKindLabels[monitor.kind]}
                  {monitor.target
                    ? ` · ${monitor.target}${monitor.port ? `:${monitor.port}` : ""}`
                    : ""}
                  {` · every ${monitor.intervalSeconds} s`}
                </p>
                {monitor.status === "paused" ? (
                  <p className="text-sm text-slate-700">
                    Paused: {monitor.pausedReason}
                    {monitor.pausedUntil
                      ? ` (until ${formatMoment(monitor.pausedUntil, timeZone)})`
                      : ""}
                  </p>
                ) : monitor.maintenanceWindowId ? (
                  <p className="text-sm text-slate-700">
                    <Link
                      href={`/practices/${practiceId}/maintenance/${monitor.maintenanceWindowId}`}
                      className="font-medium text-teal-800 underline underline-offset-2"
                    >
                      Planned maintenance
                    </Link>{" "}
                    of its system: a failure now opens no suspected outage.
                  </p>
                ) : monitor.lastCheckedAt ? (
                  <p className="text-sm text-slate-600">
                    Last checked {formatMoment(monitor.lastCheckedAt, timeZone)}
                    {monitor.lastLatencyMs !== null ? ` · ${monitor.lastLatencyMs} ms` : ""}
                    {monitor.lastError ? (
                      <span className="block text-red-800">{monitor.lastError}</span>
                    ) : null}
                  </p>
                ) : (
                  <p className="text-sm text-slate-600">Waiting for its first check.</p>
                )}
              </div>
              {canWrite && (
                <div className="flex shrink-0 flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => setEditing(monitor)}
                    aria-label={`Edit ${monitor.name}`}
                  >
                    <Pencil aria-hidden className="size-4" /> Edit
                  </Button>
                  {monitor.status === "paused" ? (
                    <Button
                      variant="secondary"
                      onClick={() =>
                        void act(`${monitor.name} resumed`, () =>
                          resume.mutateAsync({
                            practiceId,
                            monitorId: monitor.id,
                            version: monitor.version,
                          }),
                        )
                      }
                    >
                      <Play aria-hidden className="size-4" /> Resume
                    </Button>
                  ) : (
                    <Button variant="secondary" onClick={() => setPausing(monitor)}>
                      <Pause aria-hidden className="size-4" /> Pause
                    </Button>
                  )}
                  <ConfirmButton
                    label="Delete"
                    title={`Delete ${monitor.name}?`}
                    confirmLabel="Delete monitor"
                    onConfirm={() =>
                      void act(`${monitor.name} deleted`, () =>
                        remove.mutateAsync({
                          practiceId,
                          monitorId: monitor.id,
                          version: monitor.version,
                        }),
                      )
                    }
                  >
                    Its results go with it. The audit log keeps that it existed.
                  </ConfirmButton>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageSize={MONITORS_PAGE_SIZE}
        total={data.total}
        hrefFor={(to) => `/practices/${practiceId}/monitors?page=${to}`}
      />
      <MonitorDialog
        practiceId={practiceId}
        systems={systems}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={async (url) => {
          if (url) setPushUrl(url);
          await refresh();
        }}
      />
      <PauseDialog
        practiceId={practiceId}
        monitor={pausing}
        onClose={() => setPausing(null)}
        onSaved={refresh}
      />
    </section>
  );
}

function MonitorDialog({
  practiceId,
  systems,
  editing,
  onClose,
  onSaved,
}: {
  practiceId: string;
  systems: { id: string; name: string }[];
  editing: Monitor | "new" | null;
  onClose: () => void;
  onSaved: (pushUrl: string | null) => Promise<void>;
}) {
  const trpc = useTRPC();
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const create = useMutation(trpc.monitors.create.mutationOptions());
  const update = useMutation(trpc.monitors.update.mutationOptions());
  const close = () => {
    setDirty(false);
    setProblem(null);
    onClose();
  };
  async function save(values: MonitorFormValues) {
    setProblem(null);
    try {
      const result =
        editing === "new"
          ? await create.mutateAsync({ ...values, practiceId })
          : await update.mutateAsync({
              ...values,
              practiceId,
              monitorId: editing!.id,
              version: editing!.version,
            });
      toast.success(editing === "new" ? `${values.name} added` : `${values.name} saved`);
      setDirty(false);
      await onSaved(result.pushUrl);
      close();
      return { saved: true as const };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, formFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false as const, fieldErrors };
    }
  }
  return (
    <Modal
      open={editing !== null}
      size="lg"
      title={editing === "new" ? "Add a monitor" : `Edit ${editing?.name ?? "monitor"}`}
      description="Standby checks it from the worker and shows its state on the practice."
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {editing !== null && (
        <div className="space-y-4">
          {problem && (
            <SaveProblem
              message={problem.message}
              conflict={problem.code === "CONFLICT"}
              onLoadLatest={close}
            />
          )}
          <MonitorForm
            key={editing === "new" ? "new" : editing.id}
            practiceId={practiceId}
            systems={systems}
            defaultValues={
              editing === "new" ? emptyMonitor(systems[0]?.id ?? "") : valuesOf(editing)
            }
            submitLabel={editing === "new" ? "Add monitor" : "Save monitor"}
            onSubmit={save}
            onDirtyChange={setDirty}
          />
        </div>
      )}
    </Modal>
  );
}

function PauseDialog({
  practiceId,
  monitor,
  onClose,
  onSaved,
}: {
  practiceId: string;
  monitor: Monitor | null;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const pause = useMutation(trpc.monitors.pause.mutationOptions());
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; until?: string; other?: string }>({});
  const close = () => {
    setReason("");
    setUntil("");
    setErrors({});
    onClose();
  };
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!monitor) return;
    try {
      await pause.mutateAsync({
        practiceId,
        monitorId: monitor.id,
        version: monitor.version,
        reason,
        until: until ? new Date(until) : null,
      });
      toast.success(`${monitor.name} paused`);
      await onSaved();
      close();
    } catch (error) {
      const found = callProblem(error);
      const fields = fieldErrorsFor(found, ["reason", "until"] as const);
      setErrors(Object.keys(fields).length ? fields : { other: found.message });
    }
  }
  return (
    <Modal open={monitor !== null} title={`Pause ${monitor?.name ?? "monitor"}`} onClose={close}>
      <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
        {errors.other && <Alert tone="error">{errors.other}</Alert>}
        <Field label="Why" hint="People will see it on the monitor." error={errors.reason}>
          {(props) => (
            <input
              {...props}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={200}
            />
          )}
        </Field>
        <Field
          label="Until (optional)"
          hint="Checks start again by themselves then."
          error={errors.until}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={until}
              onChange={(event) => setUntil(event.target.value)}
            />
          )}
        </Field>
        <div className="flex justify-end">
          <Button type="submit" disabled={pause.isPending}>
            {pause.isPending ? "Pausing…" : "Pause monitor"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
