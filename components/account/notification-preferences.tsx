"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing } from "lucide-react";
import { useMemo } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { SaveProblem } from "@/components/ui/save-problem";
import { Skeleton } from "@/components/ui/skeleton";
import { TimeZoneOptions, timeZoneLabel } from "@/components/ui/time-zones";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  notificationPreferencesSchema,
  type NotificationPreferencesInput,
} from "@/server/contracts/notifications";

const card = "rounded-lg border border-slate-200 bg-white p-5 space-y-4";

/**
 * The member's own notifications, for the practices they see: outage events by email and/or text
 * message, and a daily digest email of due work. Loads the saved choices, then hands them to the form.
 */
export function NotificationPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.notificationPreferences.get.queryOptions());
  const update = useMutation(trpc.notificationPreferences.update.mutationOptions());
  const latest = useMemo(() => {
    if (!saved.data) return undefined;
    const { version, automaticDigestTimeZone, ...values } = saved.data;
    return { values, version, automaticDigestTimeZone };
  }, [saved.data]);

  const save = async (
    preferences: NotificationPreferencesInput,
    version: number,
  ): Promise<SaveOutcome<NotificationPreferencesInput>> => {
    try {
      const result = await update.mutateAsync({ version, preferences });
      queryClient.setQueryData(trpc.notificationPreferences.get.queryKey(), result);
      toast.success("Notification choices saved");
      return { saved: true, version: result.version };
    } catch (error) {
      return {
        saved: false,
        problem: callProblem(error, "Could not save your notification choices. Try again."),
      };
    }
  };

  return (
    <section className={card} aria-labelledby="notification-preferences-heading">
      <h2
        id="notification-preferences-heading"
        className="flex items-center gap-2 text-base font-semibold"
      >
        <BellRing aria-hidden className="size-5 text-slate-600" />
        Notifications
      </h2>
      <p className="text-sm text-slate-600">
        What Standby tells you outside Standby, for the practices you look after. Messages name the
        practice, what happened and a link — never patient data.
      </p>
      {saved.isPending && <Skeleton className="h-24 w-full" />}
      {saved.isError && (
        <Alert tone="error">
          {callProblem(saved.error, "Could not load your notification choices.").message}
        </Alert>
      )}
      {latest && <NotificationPreferencesForm latest={latest} onSave={save} />}
    </section>
  );
}

function NotificationPreferencesForm({
  latest,
  onSave,
}: {
  latest: {
    values: NotificationPreferencesInput;
    version: number;
    /** The zone the digest follows when the member chooses none. */
    automaticDigestTimeZone: string;
  };
  onSave: (
    values: NotificationPreferencesInput,
    version: number,
  ) => Promise<SaveOutcome<NotificationPreferencesInput>>;
}) {
  const { form, submit, problem, conflict, loadLatest } =
    useVersionedForm<NotificationPreferencesInput>({
      schema: notificationPreferencesSchema,
      defaultValues: latest.values,
      version: latest.version,
      latest,
      onSave,
    });
  const { errors, isSubmitting, isDirty } = form.formState;
  const texts = form.watch("outageSms");
  const digest = form.watch("dailyDigest");

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Outages</legend>
        <Checkbox
          label="Email me about outages"
          hint="Declared, status changes, updates, overdue updates, resolved and closed — to your sign-in email."
          {...form.register("outageEmail")}
        />
        <Checkbox
          label="Text me about outages"
          hint="The same events by text message, through your MSP's SMS provider."
          {...form.register("outageSms")}
        />
      </fieldset>
      <Field
        label="Mobile number"
        hint="With its country code, e.g. +15551234567. Needed for texts."
        error={errors.mobile?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("mobile")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required={texts}
            className={`${props.className} sm:max-w-64`}
          />
        )}
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Due work</legend>
        <Checkbox
          label="Send me a daily digest"
          hint="One email a day listing restore tests, reviews, drills and plan reviews overdue or due within 7 days. None when nothing is due."
          {...form.register("dailyDigest")}
        />
        {digest && (
          <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,20rem)]">
            <Field label="Send it at" error={errors.digestHour?.message}>
              {(props) => (
                <select {...props} {...form.register("digestHour", { valueAsNumber: true })}>
                  {Array.from({ length: 24 }, (_, hour) => (
                    <option key={hour} value={hour}>
                      {`${String(hour).padStart(2, "0")}:00`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="In the time zone" error={errors.digestTimeZone?.message}>
              {(props) => (
                <select {...props} {...form.register("digestTimeZone")}>
                  <option value="">
                    {`Where most of your practices are (${timeZoneLabel(latest.automaticDigestTimeZone)})`}
                  </option>
                  <TimeZoneOptions />
                </select>
              )}
            </Field>
          </div>
        )}
      </fieldset>
      {problem && (
        <SaveProblem message={problem.message} conflict={conflict} onLoadLatest={loadLatest} />
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save notification choices"}
        </Button>
      </div>
    </form>
  );
}
