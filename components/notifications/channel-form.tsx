"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, Plus, Save } from "lucide-react";
import { useId } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Checkbox, Field } from "@/components/ui/field";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  channelFieldsSchema,
  channelKinds,
  notificationEvents,
  outageEvents,
  routableEvents,
  smtpSecurityModes,
  type ChannelFields,
  type ChannelKind,
  type NotificationEvent,
  type SmtpSecurity,
} from "@/server/contracts/notifications";
import type { ChannelView } from "./types";

type FormValues = {
  kind: ChannelKind;
  name: string;
  practiceId: string;
  events: NotificationEvent[];
  url: string;
  /** One address or number a line (or separated by commas). */
  recipients: string;
  from: string;
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  /** An SMS channel's number also sends the practice's patient messages (patient outreach). */
  patientOutreach: boolean;
  /** An email channel's own mail server instead of SMTP_URL. */
  ownServer: boolean;
  smtp: {
    host: string;
    port: string;
    security: SmtpSecurity;
    username: string;
    /** Empty: keep the saved one. */
    password: string;
    from: string;
  };
};

const defaultPorts = Object.fromEntries(
  smtpSecurityModes.map(([mode, , port]) => [mode, String(port)]),
) as Record<SmtpSecurity, string>;

const kindHints: Record<ChannelKind, string> = {
  email: "To shared mailboxes or people, through the mail server Standby uses or your own.",
  teams: "A Teams Workflows webhook (“Post to a channel when a webhook request is received”).",
  slack: "A Slack incoming webhook.",
  webhook: "Signed JSON to your PSA or any receiver (Standard Webhooks).",
  sms: "Text messages through a Twilio-compatible provider, for on-call people.",
};

const list = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);

function toInput(values: FormValues): ChannelFields {
  const common = {
    name: values.name,
    practiceId: values.practiceId || null,
    events: values.events,
  };
  switch (values.kind) {
    case "email":
      return {
        kind: "email",
        ...common,
        recipients: list(values.recipients),
        smtp: values.ownServer
          ? {
              host: values.smtp.host,
              port: values.smtp.port.trim() === "" ? Number.NaN : Number(values.smtp.port),
              security: values.smtp.security,
              username: values.smtp.username,
              password: values.smtp.password || undefined,
              from: values.smtp.from,
            }
          : null,
      };
    case "teams":
    case "slack":
      return { kind: values.kind, ...common, url: values.url || undefined };
    case "webhook":
      return { kind: "webhook", ...common, url: values.url };
    case "sms":
      return {
        kind: "sms",
        ...common,
        recipients: list(values.recipients),
        from: values.from,
        accountSid: values.accountSid,
        authToken: values.authToken || undefined,
        apiBaseUrl: values.apiBaseUrl || undefined,
        patientOutreach: values.patientOutreach,
      };
  }
}

function valuesOf(channel: ChannelView | null): FormValues {
  const settings = (channel?.settings ?? {}) as Record<string, unknown>;
  const recipients = Array.isArray(settings.recipients) ? (settings.recipients as string[]) : [];
  const smtp = (channel?.kind === "email" ? settings.smtp : null) as {
    host: string;
    port: number;
    security: SmtpSecurity;
    username: string | null;
    from: string;
  } | null;
  return {
    kind: channel?.kind ?? "teams",
    name: channel?.name ?? "",
    practiceId: channel?.practiceId ?? "",
    events: channel?.events ?? [...outageEvents],
    url: channel?.kind === "webhook" ? String(settings.url ?? "") : "",
    recipients: recipients.join("\n"),
    from: String(settings.from ?? ""),
    accountSid: String(settings.accountSid ?? ""),
    authToken: "",
    apiBaseUrl: String(settings.apiBaseUrl ?? ""),
    patientOutreach: settings.patientOutreach === true,
    ownServer: Boolean(smtp),
    smtp: {
      host: smtp?.host ?? "",
      port: String(smtp?.port ?? defaultPorts.starttls),
      security: smtp?.security ?? "starttls",
      username: smtp?.username ?? "",
      password: "",
      from: smtp?.from ?? "",
    },
  };
}

/** The path of a schema issue as the form names its field: smtp.host, or the top-level name. */
function fieldOf(path: PropertyKey[]): string | null {
  const [first, second] = path;
  if (first === "smtp" && typeof second === "string") return `smtp.${second}`;
  return typeof first === "string" ? first : null;
}

/**
 * Adds a channel, or changes one (`channel`). Secrets already saved are not shown: leaving their
 * field empty keeps them, typing replaces them.
 */
export function ChannelForm({
  channel,
  practices,
  onSaved,
}: {
  channel: ChannelView | null;
  practices: { id: string; name: string }[];
  /** After a save; a new signed webhook's secret comes with it, to be shown once. */
  onSaved: (result: { webhookSecret: string | null }) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.notifications.createChannel.mutationOptions());
  const update = useMutation(trpc.notifications.updateChannel.mutationOptions());
  const { form, submit, problem } = useVersionedForm<FormValues>({
    resolver: serviceSchemaResolver<FormValues>(channelFieldsSchema, toInput, fieldOf),
    defaultValues: valuesOf(channel),
    version: channel?.version ?? 0,
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        let webhookSecret: string | null = null;
        if (channel) {
          await update.mutateAsync({
            channelId: channel.id,
            version: channel.version,
            fields: toInput(values),
          });
          toast.success(`“${values.name}” saved`);
        } else {
          webhookSecret = (await create.mutateAsync(toInput(values))).webhookSecret;
          toast.success(`“${values.name}” added`);
        }
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.channels.queryKey() });
        onSaved({ webhookSecret });
        return {
          saved: true,
          resetTo: channel
            ? { ...values, authToken: "", smtp: { ...values.smtp, password: "" } }
            : valuesOf(null),
        };
      } catch (error) {
        const problem = callProblem(error, "Could not save the channel. Try again.");
        // The server names a mail server field by its path (smtp.host): shown beside that field.
        const mailServerErrors = Object.fromEntries(
          Object.entries(problem.fieldErrors).flatMap(([field, messages]) =>
            field.startsWith("smtp.") && messages?.[0] ? [[field, messages[0]]] : [],
          ),
        );
        return { saved: false, problem, fieldErrors: mailServerErrors };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch("kind");
  const ownServer = form.watch("ownServer");
  const mailServerId = useId();
  const savedSecret = channel?.secretHint
    ? `Saved (${channel.secretHint}); leave empty to keep it.`
    : undefined;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {problem && <Alert tone="error">{problem.message}</Alert>}
      {!channel && (
        <ChoiceCards
          legend="Kind of channel"
          columns="sm:grid-cols-2 lg:grid-cols-3"
          options={channelKinds.map(([value, label]) => ({
            value,
            label,
            description: kindHints[value],
          }))}
          register={form.register("kind")}
          error={errors.kind?.message}
        />
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Name"
          error={errors.name?.message}
          hint="What people see in the delivery log."
        >
          {(props) => <input {...props} {...form.register("name")} autoComplete="off" />}
        </Field>
        <Field
          label="For"
          error={errors.practiceId?.message}
          hint="A practice's own channels replace the MSP-wide ones for the events they take."
        >
          {(props) => (
            <select {...props} {...form.register("practiceId")}>
              <option value="">Every practice (MSP-wide)</option>
              {practices.map((practice) => (
                <option key={practice.id} value={practice.id}>
                  {practice.name} only
                </option>
              ))}
            </select>
          )}
        </Field>
        {(kind === "teams" || kind === "slack" || kind === "webhook") && (
          <div className="md:col-span-2">
            <Field
              label={kind === "webhook" ? "Receiver's address" : "Webhook address"}
              error={errors.url?.message}
              hint={kind === "webhook" ? "https://…" : (savedSecret ?? "https://…")}
            >
              {(props) => (
                <input
                  {...props}
                  {...form.register("url")}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  placeholder={
                    channel && kind !== "webhook" ? "Leave empty to keep the saved address" : ""
                  }
                />
              )}
            </Field>
          </div>
        )}
        {(kind === "email" || kind === "sms") && (
          <div className="md:col-span-2">
            <Field
              label={kind === "email" ? "Email addresses" : "Phone numbers"}
              error={errors.recipients?.message}
              hint={
                kind === "email"
                  ? "One a line, at most 10."
                  : "With the country code, e.g. +15551234567; one a line, at most 10."
              }
            >
              {(props) => <textarea {...props} {...form.register("recipients")} rows={3} />}
            </Field>
          </div>
        )}
        {kind === "email" && (
          <div className="space-y-3 md:col-span-2">
            <Checkbox
              label="Use our own mail server"
              hint="Send this channel's email through your mail server instead of the one Standby uses."
              aria-expanded={ownServer}
              aria-controls={mailServerId}
              {...form.register("ownServer")}
            />
            <fieldset
              id={mailServerId}
              hidden={!ownServer}
              className="grid gap-4 rounded-md border border-slate-200 p-4 md:grid-cols-2"
            >
              <legend className="px-1 text-sm font-medium text-slate-800">Mail server</legend>
              <Field
                label="Mail server host"
                error={errors.smtp?.host?.message}
                hint="e.g. smtp.your-msp.example"
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("smtp.host")}
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                  />
                )}
              </Field>
              <Field
                label="Port"
                error={errors.smtp?.port?.message}
                hint="465 for TLS, 587 (or 25) for STARTTLS."
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("smtp.port")}
                    inputMode="numeric"
                    autoComplete="off"
                  />
                )}
              </Field>
              <Field label="Security" error={errors.smtp?.security?.message}>
                {(props) => (
                  <select
                    {...props}
                    {...form.register("smtp.security", {
                      // A port still at a mode's usual one follows the mode chosen.
                      onChange: (event: { target: { value: string } }) => {
                        const port = form.getValues("smtp.port").trim();
                        if (port === "" || Object.values(defaultPorts).includes(port))
                          form.setValue(
                            "smtp.port",
                            defaultPorts[event.target.value as SmtpSecurity],
                          );
                      },
                    })}
                  >
                    {smtpSecurityModes.map(([mode, label]) => (
                      <option key={mode} value={mode}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label="From address"
                error={errors.smtp?.from?.message}
                hint="alerts@your-msp.example, or Standby <alerts@your-msp.example>"
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("smtp.from")}
                    type="text"
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                  />
                )}
              </Field>
              <Field
                label="User name"
                error={errors.smtp?.username?.message}
                hint="Leave empty if the server takes mail without signing in."
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("smtp.username")}
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                  />
                )}
              </Field>
              <Field
                label="Password"
                error={errors.smtp?.password?.message}
                hint={
                  channel?.secretHint
                    ? "Saved; leave blank to keep it. Changing host, port or security needs it again."
                    : "Stored encrypted; Standby never shows it again."
                }
              >
                {(props) => (
                  <input
                    {...props}
                    {...form.register("smtp.password")}
                    type="password"
                    autoComplete="new-password"
                  />
                )}
              </Field>
            </fieldset>
          </div>
        )}
        {kind === "sms" && (
          <>
            <Field label="Sending number" error={errors.from?.message} hint="e.g. +15005550006">
              {(props) => <input {...props} {...form.register("from")} autoComplete="off" />}
            </Field>
            <Field label="Provider account id" error={errors.accountSid?.message}>
              {(props) => <input {...props} {...form.register("accountSid")} autoComplete="off" />}
            </Field>
            <Field label="Provider auth token" error={errors.authToken?.message} hint={savedSecret}>
              {(props) => (
                <input
                  {...props}
                  {...form.register("authToken")}
                  type="password"
                  autoComplete="new-password"
                />
              )}
            </Field>
            <Field
              label="Provider API address"
              error={errors.apiBaseUrl?.message}
              hint="Leave empty for Twilio; another Twilio-compatible provider's base address otherwise."
            >
              {(props) => (
                <input {...props} {...form.register("apiBaseUrl")} type="url" autoComplete="off" />
              )}
            </Field>
            <div className="md:col-span-2">
              <Checkbox
                label="Use this number for patient messages"
                hint="Reminders, delay notices and cancellations to patients go out from this number (for its practice, or for every practice without one of its own). Staff numbers and events may then be left empty."
                {...form.register("patientOutreach")}
              />
            </div>
          </>
        )}
      </div>
      <fieldset aria-describedby={errors.events ? "channel-events-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-800">Send these events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {routableEvents.map((event) => (
            <label key={event} className="flex min-h-9 items-center gap-2 text-sm">
              <input
                type="checkbox"
                value={event}
                {...form.register("events")}
                className="size-4 accent-brand-700"
              />
              {notificationEvents[event]}
            </label>
          ))}
        </div>
        {errors.events && (
          <p id="channel-events-error" className="mt-1 text-sm text-red-700">
            {errors.events.message}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        {channel ? (
          <Save aria-hidden className="size-4" />
        ) : (
          <Plus aria-hidden className="size-4" />
        )}
        {isSubmitting ? "Saving…" : channel ? "Save channel" : "Add channel"}
      </Button>
    </form>
  );
}

/** A webhook's signing secret, shown this once: the receiver needs it to check signatures. */
export function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <div className="space-y-2">
      <Alert tone="success">
        The webhook’s signing secret is below. Give it to the receiver now: Standby will not show it
        again.
      </Alert>
      <div className="flex gap-2">
        <label htmlFor="webhook-secret" className="sr-only">
          Signing secret
        </label>
        <input
          id="webhook-secret"
          readOnly
          value={secret}
          className="min-h-10 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-sm"
          onFocus={(event) => event.target.select()}
        />
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => toast.success("Secret copied"),
              () => toast.error("Could not copy; select the secret and copy it."),
            )
          }
        >
          <Copy aria-hidden className="size-4" /> Copy
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      </div>
    </div>
  );
}
