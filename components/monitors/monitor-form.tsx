"use client";

import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  createMonitorSchema,
  dnsRecordTypes,
  maxTimeoutSeconds,
  monitorKindLabels,
  monitorKinds,
  type MonitorKind,
} from "@/server/contracts/monitors";

/** The form's values: the service's fields, numbers as numbers (an empty optional one is null). */
export type MonitorFormValues = {
  systemId: string;
  name: string;
  kind: MonitorKind;
  target: string;
  port: number | null;
  expectedStatus: number | null;
  keyword: string;
  keywordMode: "present" | "absent";
  degradedAboveMs: number | null;
  recordType: (typeof dnsRecordTypes)[number];
  expectedValue: string;
  daysLeftThreshold: number;
  graceSeconds: number;
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  failureThreshold: number;
  recoveryThreshold: number;
};

export const emptyMonitor = (systemId: string): MonitorFormValues => ({
  systemId,
  name: "",
  kind: "http",
  target: "",
  port: null,
  expectedStatus: null,
  keyword: "",
  keywordMode: "present",
  degradedAboveMs: null,
  recordType: "A",
  expectedValue: "",
  daysLeftThreshold: 14,
  graceSeconds: 60,
  intervalSeconds: 60,
  timeoutSeconds: 10,
  retries: 0,
  failureThreshold: 3,
  recoveryThreshold: 2,
});

const optionalNumber = (value: unknown) =>
  value === "" || value === null || value === undefined ? null : Number(value);

const targetLabels: Record<MonitorKind, { label: string; hint: string }> = {
  http: {
    label: "Address",
    hint: "The whole address, such as https://portal.ehr-vendor.com/login.",
  },
  tcp: { label: "Host", hint: "A public host name or address, such as vpn.example.com." },
  dns: { label: "Name to look up", hint: "Such as portal.example.com." },
  tls: {
    label: "Host",
    hint: "The host whose certificate is checked, such as portal.example.com.",
  },
  heartbeat: { label: "", hint: "" },
};

/** Adds or changes a monitor; the container decides what saving means. */
export function MonitorForm({
  practiceId,
  systems,
  defaultValues,
  submitLabel,
  onSubmit,
  onDirtyChange,
}: {
  practiceId: string;
  systems: { id: string; name: string }[];
  defaultValues: MonitorFormValues;
  submitLabel: string;
  onSubmit: (values: MonitorFormValues) => Promise<SaveOutcome<MonitorFormValues>>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const resolver = useMemo(
    () =>
      serviceSchemaResolver<MonitorFormValues>(createMonitorSchema, (values) => ({
        ...values,
        practiceId,
      })),
    [practiceId],
  );
  const { form, submit } = useVersionedForm<MonitorFormValues>({
    resolver,
    defaultValues,
    onSave: (values) => onSubmit(values),
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;
  const [kind, interval, keyword] = form.watch(["kind", "intervalSeconds", "keyword"]);
  const number = (name: keyof MonitorFormValues) =>
    form.register(name, { setValueAs: (value) => (value === "" ? Number.NaN : Number(value)) });
  const nullableNumber = (name: keyof MonitorFormValues) =>
    form.register(name, { setValueAs: optionalNumber });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          error={errors.name?.message}
          hint="What people will read: “EHR portal”."
        >
          {(props) => <input {...props} {...form.register("name")} maxLength={80} />}
        </Field>
        <Field label="System it watches" error={errors.systemId?.message}>
          {(props) => (
            <select {...props} {...form.register("systemId")}>
              {systems.map((system) => (
                <option key={system.id} value={system.id}>
                  {system.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="What to check" error={errors.kind?.message}>
        {(props) => (
          <select {...props} {...form.register("kind")}>
            {monitorKinds.map((value) => (
              <option key={value} value={value}>
                {monitorKindLabels[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === "heartbeat" ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          For what sits inside the clinic&apos;s network: the clinic&apos;s server or a scheduled
          task calls a secret address at each interval. The address is shown once, when you save.
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <Field
            label={targetLabels[kind].label}
            hint={targetLabels[kind].hint}
            error={errors.target?.message}
          >
            {(props) => (
              <input
                {...props}
                {...form.register("target")}
                inputMode="url"
                autoCapitalize="off"
                spellCheck={false}
              />
            )}
          </Field>
          {(kind === "tcp" || kind === "tls") && (
            <Field
              label="Port"
              hint={kind === "tls" ? "443 when empty." : undefined}
              error={errors.port?.message}
            >
              {(props) => (
                <input {...props} {...nullableNumber("port")} type="number" inputMode="numeric" />
              )}
            </Field>
          )}
        </div>
      )}
      {kind === "http" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label="Expected status"
            hint="Any 2xx or 3xx when empty."
            error={errors.expectedStatus?.message}
          >
            {(props) => (
              <input
                {...props}
                {...nullableNumber("expectedStatus")}
                type="number"
                inputMode="numeric"
              />
            )}
          </Field>
          <Field
            label="Keyword"
            hint="Text the page must contain (or not)."
            error={errors.keyword?.message}
          >
            {(props) => <input {...props} {...form.register("keyword")} maxLength={200} />}
          </Field>
          <Field
            label="Slow above (ms)"
            hint="Slower answers show as degraded."
            error={errors.degradedAboveMs?.message}
          >
            {(props) => (
              <input
                {...props}
                {...nullableNumber("degradedAboveMs")}
                type="number"
                inputMode="numeric"
              />
            )}
          </Field>
          {keyword && (
            <Field label="The keyword must be" error={errors.keywordMode?.message}>
              {(props) => (
                <select {...props} {...form.register("keywordMode")}>
                  <option value="present">Present</option>
                  <option value="absent">Absent</option>
                </select>
              )}
            </Field>
          )}
        </div>
      )}
      {kind === "dns" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Record type" error={errors.recordType?.message}>
            {(props) => (
              <select {...props} {...form.register("recordType")}>
                {dnsRecordTypes.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Expected value"
            hint="Any answer counts when empty."
            error={errors.expectedValue?.message}
          >
            {(props) => <input {...props} {...form.register("expectedValue")} />}
          </Field>
        </div>
      )}
      {kind === "tls" && (
        <Field label="Warn when fewer days are left than" error={errors.daysLeftThreshold?.message}>
          {(props) => (
            <input
              {...props}
              {...number("daysLeftThreshold")}
              type="number"
              inputMode="numeric"
              className={`${props.className} sm:max-w-40`}
            />
          )}
        </Field>
      )}
      {kind === "heartbeat" && (
        <Field
          label="Grace period (seconds)"
          hint="How late a call may be before it counts as missing."
          error={errors.graceSeconds?.message}
        >
          {(props) => (
            <input
              {...props}
              {...number("graceSeconds")}
              type="number"
              inputMode="numeric"
              className={`${props.className} sm:max-w-40`}
            />
          )}
        </Field>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Timing</legend>
        <Field
          label="Check every (seconds)"
          hint="30 seconds to 1 hour."
          error={errors.intervalSeconds?.message}
        >
          {(props) => (
            <input
              {...props}
              {...number("intervalSeconds")}
              type="number"
              inputMode="numeric"
              min={30}
              max={3600}
            />
          )}
        </Field>
        {kind !== "heartbeat" && (
          <Field
            label="Timeout (seconds)"
            hint={`At most ${Number.isFinite(interval) && interval >= 30 ? maxTimeoutSeconds(interval) : 30} s for this interval.`}
            error={errors.timeoutSeconds?.message}
          >
            {(props) => (
              <input
                {...props}
                {...number("timeoutSeconds")}
                type="number"
                inputMode="numeric"
                min={1}
                max={30}
              />
            )}
          </Field>
        )}
        {kind !== "heartbeat" && (
          <Field
            label="Retries"
            hint="Tries again before a check fails."
            error={errors.retries?.message}
          >
            {(props) => (
              <input
                {...props}
                {...number("retries")}
                type="number"
                inputMode="numeric"
                min={0}
                max={5}
              />
            )}
          </Field>
        )}
        <Field
          label="Failures before down"
          hint="In a row; fewer show as failing."
          error={errors.failureThreshold?.message}
        >
          {(props) => (
            <input
              {...props}
              {...number("failureThreshold")}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
            />
          )}
        </Field>
        <Field label="Successes before up again" error={errors.recoveryThreshold?.message}>
          {(props) => (
            <input
              {...props}
              {...number("recoveryThreshold")}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
            />
          )}
        </Field>
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
