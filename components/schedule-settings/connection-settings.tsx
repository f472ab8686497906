"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Copy, KeyRound, Pause, Play, PlugZap, RefreshCw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { formatMoment } from "@/components/ui/format";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  defaultFhirConnection,
  fhirConnectionFieldsSchema,
  scheduleScopes,
  type FhirConnectionFields,
} from "@/server/contracts/schedule-settings";
import { CopyAge } from "./copy-age";

type TestResult =
  | { ok: true; fhirVersion: string; grantedScopes: string[]; appointmentsTotal: number | null }
  | { ok: false; stage: string; message: string; request?: string };

const stageWords: Record<string, string> = {
  discovery: "Finding the EHR's FHIR server",
  token: "Getting a token",
  scope: "Checking what Standby may read",
  search: "Reading appointments",
};

/** Every 3 s while a sync asked for at `askedAt` has neither refreshed the copy nor failed (3 minutes at most). */
function followSync(
  askedAt: number | null,
  data:
    | { refreshedAt: Date | string | null; lastError: { at: Date | string | null } | null }
    | null
    | undefined,
): number | false {
  if (askedAt === null || Date.now() - askedAt > 3 * 60_000) return false;
  const ranSince = (moment: Date | string | null | undefined) =>
    Boolean(moment && new Date(moment).getTime() >= askedAt - 1_000);
  return data && (ranSince(data.refreshedAt) || ranSince(data.lastError?.at)) ? false : 3_000;
}

function copy(text: string, what: string) {
  navigator.clipboard.writeText(text).then(
    () => toast.success(`${what} copied.`),
    () => toast.error(`Could not copy. Select the ${what.toLowerCase()} and copy it yourself.`),
  );
}

/**
 * How the practice's schedule copy is kept: the EHR's FHIR API (the form, Standby's keys, test,
 * sync now, pause), and how old the copy is. MSP staff change it; others read it.
 */
export function ConnectionSettings({
  practiceId,
  timeZone,
  canConnect,
}: {
  practiceId: string;
  timeZone: string;
  canConnect: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // When a sync was asked for (connecting, "Sync now"): looked at again until it has run.
  const [syncAskedAt, setSyncAskedAt] = useState<number | null>(null);
  const { data: connection } = useSuspenseQuery(
    trpc.scheduleSettings.get.queryOptions(
      { practiceId },
      {
        refetchInterval: (query) => followSync(syncAskedAt, query.state.data),
      },
    ),
  );
  const [test, setTest] = useState<TestResult | null>(null);
  const show = (next: typeof connection) =>
    queryClient.setQueryData(trpc.scheduleSettings.get.queryKey({ practiceId }), next);

  const save = useMutation(trpc.scheduleSettings.saveFhir.mutationOptions());
  const rotate = useMutation(trpc.scheduleSettings.rotateKey.mutationOptions({ onSuccess: show }));
  const retire = useMutation(trpc.scheduleSettings.retireKey.mutationOptions({ onSuccess: show }));
  const syncNow = useMutation(trpc.scheduleSettings.syncNow.mutationOptions({ onSuccess: show }));
  const setSyncing = useMutation(
    trpc.scheduleSettings.setSyncing.mutationOptions({ onSuccess: show }),
  );
  const testConnection = useMutation(trpc.scheduleSettings.testConnection.mutationOptions());
  const failed = (fallback: string) => (error: unknown) =>
    toast.error(callProblem(error, fallback).message);

  const fhir = connection?.source === "fhir" ? connection : null;
  const values: FhirConnectionFields = fhir
    ? {
        fhirBaseUrl: fhir.fhirBaseUrl ?? "",
        clientId: fhir.clientId ?? "",
        syncIntervalMinutes: fhir.syncIntervalMinutes,
        syncDaysAhead: fhir.syncDaysAhead,
        retentionDays: fhir.retentionDays,
      }
    : defaultFhirConnection;

  const { form, submit, problem } = useVersionedForm<FhirConnectionFields>({
    schema: fhirConnectionFieldsSchema,
    defaultValues: values,
    version: connection?.version ?? 0,
    onSave: async (input, version): Promise<SaveOutcome<FhirConnectionFields>> => {
      try {
        const saved = await save.mutateAsync({ practiceId, ...input, version });
        show(saved);
        setSyncAskedAt(Date.now());
        toast.success(
          fhir ? "Settings saved." : "Connected. The first sync starts within a minute.",
        );
        return { saved: true, version: saved?.version };
      } catch (error) {
        return { saved: false, problem: callProblem(error) };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const readOnly = !canConnect;

  return (
    <div className="space-y-6">
      <section
        aria-labelledby="copy-status"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="copy-status" className="text-base font-semibold text-slate-900">
          The copy
        </h2>
        {connection ? (
          <div className="mt-2 space-y-2 text-sm text-slate-700">
            <p>
              {connection.source === "fhir"
                ? "Read from the EHR's FHIR API"
                : "Uploaded from the EHR's schedule report"}
              {" · "}
              <CopyAge refreshedAt={connection.refreshedAt} timeZone={timeZone} />
            </p>
            {fhir && (
              <p>
                {fhir.syncing
                  ? `Syncs every ${fhir.syncIntervalMinutes} minutes, the next ${fhir.syncDaysAhead} days.`
                  : "Syncing is paused: the copy stays as it is until it is resumed."}
              </p>
            )}
            {connection.lastError && (
              <Alert tone="error">
                <p>
                  Last sync failed
                  {connection.lastError.at
                    ? ` at ${formatMoment(connection.lastError.at, timeZone)}`
                    : ""}
                  : {connection.lastError.message}
                </p>
                {connection.lastError.request && (
                  <p className="mt-1 break-all font-mono text-xs">{connection.lastError.request}</p>
                )}
                <p className="mt-1">The previous copy is kept as it was.</p>
              </Alert>
            )}
            {fhir && canConnect && (
              <div className="flex flex-wrap gap-2 pt-1">
                <Button
                  variant="secondary"
                  disabled={syncNow.isPending}
                  onClick={() =>
                    syncNow.mutate(
                      { practiceId },
                      {
                        onSuccess: () => {
                          setSyncAskedAt(Date.now());
                          toast.success("Sync started: the copy refreshes within a minute.");
                        },
                        onError: failed("Could not start the sync. Try again."),
                      },
                    )
                  }
                >
                  <RefreshCw aria-hidden className="size-4" />
                  {syncNow.isPending ? "Starting…" : "Sync now"}
                </Button>
                <Button
                  variant="secondary"
                  disabled={setSyncing.isPending}
                  onClick={() =>
                    setSyncing.mutate(
                      { practiceId, on: !fhir.syncing },
                      { onError: failed("Could not change syncing. Try again.") },
                    )
                  }
                >
                  {fhir.syncing ? (
                    <Pause aria-hidden className="size-4" />
                  ) : (
                    <Play aria-hidden className="size-4" />
                  )}
                  {fhir.syncing ? "Pause syncing" : "Resume syncing"}
                </Button>
              </div>
            )}
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-700">
            This practice keeps no schedule copy yet. Connect its EHR below
            {canConnect ? "" : " (an MSP technician does this)"}, or upload the day&apos;s schedule
            report.
          </p>
        )}
      </section>

      <section
        aria-labelledby="fhir-connection"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="fhir-connection" className="text-base font-semibold text-slate-900">
          EHR connection (FHIR R4, SMART Backend Services)
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The EHR vendor registers Standby as a backend app: it gives you a client id and registers
          Standby&apos;s key address (shown after saving). Standby asks only for{" "}
          <span className="font-mono text-xs">{scheduleScopes.join(" ")}</span>.
        </p>
        <form onSubmit={submit} noValidate className="mt-4 space-y-4">
          <fieldset disabled={readOnly} className="space-y-4">
            <Field
              label="FHIR base address"
              hint="For example https://fhir.ehr-vendor.example/r4/practice-123"
              error={errors.fhirBaseUrl?.message}
            >
              {(props) => (
                <input
                  {...props}
                  {...form.register("fhirBaseUrl")}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              label="Client id"
              hint="From the EHR vendor's app registration."
              error={errors.clientId?.message}
            >
              {(props) => <input {...props} {...form.register("clientId")} autoComplete="off" />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="Sync every (minutes)" error={errors.syncIntervalMinutes?.message}>
                {(props) => (
                  <input
                    {...props}
                    {...form.register("syncIntervalMinutes", { valueAsNumber: true })}
                    type="number"
                    inputMode="numeric"
                    min={5}
                    max={1440}
                  />
                )}
              </Field>
              <Field label="Days to copy" hint="From today." error={errors.syncDaysAhead?.message}>
                {(props) => (
                  <input
                    {...props}
                    {...form.register("syncDaysAhead", { valueAsNumber: true })}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={31}
                  />
                )}
              </Field>
              <Field
                label="Keep copies (days)"
                hint="After the appointment; 14 at most."
                error={errors.retentionDays?.message}
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("retentionDays", { valueAsNumber: true })}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={14}
                  />
                )}
              </Field>
            </div>
          </fieldset>
          {problem && <Alert tone="error">{problem.message}</Alert>}
          {canConnect && (
            <div className="flex flex-wrap justify-end gap-2">
              {fhir && (
                <Button
                  variant="secondary"
                  disabled={testConnection.isPending}
                  onClick={() => {
                    setTest(null);
                    testConnection.mutate(
                      { practiceId },
                      {
                        onSuccess: (result) => setTest(result as TestResult),
                        onError: (error) =>
                          setTest({
                            ok: false,
                            stage: "",
                            message: callProblem(error, "The test could not run. Try again.")
                              .message,
                          }),
                      },
                    );
                  }}
                >
                  <PlugZap aria-hidden className="size-4" />
                  {testConnection.isPending ? "Testing…" : "Test connection"}
                </Button>
              )}
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Saving…" : fhir ? "Save settings" : "Connect"}
              </Button>
            </div>
          )}
          <div aria-live="polite">
            {test &&
              (test.ok ? (
                <Alert tone="success">
                  Connected: FHIR {test.fhirVersion}, a token with {test.grantedScopes.join(" ")}
                  {test.appointmentsTotal !== null
                    ? `, ${test.appointmentsTotal} appointments found`
                    : ""}
                  .
                </Alert>
              ) : (
                <Alert tone="error">
                  <p>
                    {stageWords[test.stage] ? `${stageWords[test.stage]} failed: ` : ""}
                    {test.message}
                  </p>
                  {test.request && (
                    <p className="mt-1 break-all font-mono text-xs">{test.request}</p>
                  )}
                </Alert>
              ))}
          </div>
        </form>
      </section>

      {fhir && fhir.keys.length > 0 && (
        <section
          aria-labelledby="signing-keys"
          className="rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="signing-keys" className="text-base font-semibold text-slate-900">
            Standby&apos;s keys
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Register this address with the EHR vendor as Standby&apos;s JWKS URL. Every key listed
            here is published there; the newest signs.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-slate-100 px-2 py-1 text-xs">{fhir.jwksUrl}</code>
            <Button variant="secondary" onClick={() => copy(fhir.jwksUrl, "Address")}>
              <Copy aria-hidden className="size-4" />
              Copy address
            </Button>
          </div>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {fhir.keys.map((key) => (
              <li key={key.kid} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex items-center gap-2">
                  <KeyRound aria-hidden className="size-4 text-slate-500" />
                  <span className="font-mono text-xs">{key.kid.slice(0, 16)}…</span>
                  <span className="text-slate-600">
                    {key.alg}, made {formatMoment(key.createdAt, timeZone)}
                    {key.retiredAt
                      ? `, retired ${formatMoment(key.retiredAt, timeZone)}`
                      : key.signs
                        ? " · signs now"
                        : " · published"}
                  </span>
                </span>
                {canConnect && !key.retiredAt && !key.signs && (
                  <ConfirmButton
                    label="Retire"
                    title="Retire this key?"
                    confirmLabel="Retire the key"
                    onConfirm={() =>
                      retire.mutate(
                        { practiceId, kid: key.kid },
                        { onError: failed("Could not retire the key. Try again.") },
                      )
                    }
                  >
                    It is no longer published: the EHR then refuses anything signed with it. Do this
                    once the EHR uses the newer key.
                  </ConfirmButton>
                )}
              </li>
            ))}
          </ul>
          {canConnect && (
            <div className="mt-2">
              <Button
                variant="secondary"
                disabled={rotate.isPending}
                onClick={() =>
                  rotate.mutate(
                    { practiceId },
                    {
                      onSuccess: () =>
                        toast.success(
                          "New key made: it signs from now on; the old one stays published until you retire it.",
                        ),
                      onError: failed("Could not make a new key. Try again."),
                    },
                  )
                }
              >
                <KeyRound aria-hidden className="size-4" />
                {rotate.isPending ? "Making a key…" : "Rotate key"}
              </Button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
