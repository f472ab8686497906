"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  CheckCircle2,
  Copy,
  KeyRound,
  LockKeyhole,
  ShieldAlert,
  ShieldCheck,
  ShieldOff,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem, fieldErrorsFor } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { formatDayOf, formatShortMoment } from "@/components/ui/format";
import { useViewerTimeZone } from "@/components/ui/viewer-time";
import {
  changeEmailSchema,
  changePasswordSchema,
  confirmTwoFactorSchema,
  reauthenticateSchema,
  type ChangeEmailInput,
  type ChangePasswordInput,
  type ConfirmTwoFactorInput,
  type ReauthenticateInput,
} from "@/server/contracts/account";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { CalendarFeed } from "./calendar-feed";
import { NotificationPreferences } from "./notification-preferences";

const card = "rounded-lg border border-slate-200 bg-white p-5 space-y-4";

/** A person's own sign-in settings: two-factor, recovery codes, password and email — each behind a recent re-authentication. */
export function AccountSecurity() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: security } = useSuspenseQuery(trpc.account.security.queryOptions());
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.account.security.queryKey() });
    router.refresh();
  };
  const fresh = security.reauthenticatedUntil !== null;
  // Your account belongs to no practice: its times are on your own clock, labelled with the zone.
  const viewerZone = useViewerTimeZone();

  return (
    <div className="space-y-6">
      {security.requiredByMsp && !security.twoFactorEnabled && (
        <Alert tone="error">
          Your MSP requires two-factor sign-in for your role. Set it up below to continue using
          Standby.
        </Alert>
      )}
      {recoveryCodes && (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      )}
      {!recoveryCodes && (
        <>
          {!fresh && (
            <Reauthenticate twoFactorEnabled={security.twoFactorEnabled} onDone={refresh} />
          )}
          {fresh && (
            <Alert tone="info">
              You confirmed it is you. You can change these settings until{" "}
              {formatShortMoment(new Date(security.reauthenticatedUntil!), viewerZone)}.
            </Alert>
          )}
          <TwoFactor
            enabled={security.twoFactorEnabled}
            enabledAt={security.twoFactorEnabledAt}
            codesLeft={security.recoveryCodesLeft}
            required={security.requiredByMsp}
            fresh={fresh}
            onCodes={async (codes) => {
              setRecoveryCodes(codes);
              await refresh();
            }}
            onChanged={refresh}
          />
          <ChangePassword fresh={fresh} />
          <ChangeEmail
            fresh={fresh}
            email={security.email}
            pendingEmail={security.pendingEmail}
            onChanged={refresh}
          />
          {!(security.requiredByMsp && !security.twoFactorEnabled) && (
            <>
              <CalendarFeed />
              <NotificationPreferences />
            </>
          )}
        </>
      )}
    </div>
  );
}

function Reauthenticate({
  twoFactorEnabled,
  onDone,
}: {
  twoFactorEnabled: boolean;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const reauthenticate = useMutation(trpc.account.reauthenticate.mutationOptions());
  const {
    form,
    submit: onSubmit,
    problem,
  } = useVersionedForm<ReauthenticateInput>({
    schema: reauthenticateSchema,
    defaultValues: { password: "", code: "" },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        await reauthenticate.mutateAsync({
          password: values.password,
          code: values.code || undefined,
        });
        await onDone();
        return { saved: true, resetTo: { password: "", code: "" } };
      } catch (error) {
        const found = callProblem(error, "Could not confirm. Try again.");
        const fields = fieldErrorsFor(found, ["password", "code"] as const);
        form.setValue("password", "");
        if (fields.password) return { saved: false, fieldErrors: { password: fields.password } };
        if (fields.code) return { saved: false, fieldErrors: { code: fields.code } };
        return { saved: false, problem: found };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <section className={card} aria-labelledby="reauth-heading">
      <h2 id="reauth-heading" className="flex items-center gap-2 text-base font-semibold">
        <LockKeyhole aria-hidden className="size-5 text-slate-600" />
        Confirm it is you
      </h2>
      <p className="text-sm text-slate-600">
        Changing your two-factor, password or email needs your password
        {twoFactorEnabled ? " and a code" : ""} from the last 10 minutes.
      </p>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        {problem && (
          <div className="sm:col-span-2">
            <Alert tone="error">{problem.message}</Alert>
          </div>
        )}
        <Field label="Current password" error={errors.password?.message}>
          {(props) => (
            <input
              {...props}
              {...form.register("password")}
              type="password"
              autoComplete="current-password"
            />
          )}
        </Field>
        {twoFactorEnabled && (
          <Field
            label="Authentication code"
            hint="From your authenticator app, or a recovery code."
            error={errors.code?.message}
          >
            {(props) => (
              <input {...props} {...form.register("code")} autoComplete="one-time-code" />
            )}
          </Field>
        )}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Checking…" : "Confirm"}
          </Button>
        </div>
      </form>
    </section>
  );
}

function TwoFactor({
  enabled,
  enabledAt,
  codesLeft,
  required,
  fresh,
  onCodes,
  onChanged,
}: {
  enabled: boolean;
  enabledAt: Date | null;
  codesLeft: number;
  required: boolean;
  fresh: boolean;
  onCodes: (codes: string[]) => Promise<void>;
  onChanged: () => Promise<void>;
}) {
  const viewerZone = useViewerTimeZone();
  const trpc = useTRPC();
  const start = useMutation(trpc.account.startTwoFactor.mutationOptions());
  const disable = useMutation(trpc.account.disableTwoFactor.mutationOptions());
  const regenerate = useMutation(trpc.account.regenerateRecoveryCodes.mutationOptions());
  const [problem, setProblem] = useState("");
  const run = async (action: () => Promise<void>) => {
    setProblem("");
    try {
      await action();
    } catch (error) {
      setProblem(callProblem(error, "Could not change two-factor sign-in. Try again.").message);
    }
  };
  return (
    <section className={card} aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading" className="flex items-center gap-2 text-base font-semibold">
        {enabled ? (
          <ShieldCheck aria-hidden className="size-5 text-emerald-700" />
        ) : (
          <ShieldOff aria-hidden className="size-5 text-slate-500" />
        )}
        Two-factor sign-in:{" "}
        <span className={enabled ? "text-emerald-800" : "text-slate-700"}>
          {enabled ? "On" : "Off"}
        </span>
      </h2>
      {problem && <Alert tone="error">{problem}</Alert>}
      {enabled && start.data ? (
        <Enrol enrolment={start.data} onCodes={onCodes} moving />
      ) : enabled ? (
        <>
          <p className="text-sm text-slate-600">
            On since {enabledAt ? formatDayOf(enabledAt, viewerZone) : "—"}. Signing in asks for a
            code from your authenticator app after your password. {codesLeft} of 10 recovery codes
            left.
          </p>
          {codesLeft <= 3 && (
            <Alert tone="error">
              Only {codesLeft} recovery codes left. Make new ones and keep them somewhere safe.
            </Alert>
          )}
          <div className="flex flex-wrap gap-2">
            <ConfirmButton
              label="Make new recovery codes"
              title="Make new recovery codes?"
              confirmLabel="Make new codes"
              variant="primary"
              disabled={!fresh}
              onConfirm={() =>
                run(async () => onCodes((await regenerate.mutateAsync()).recoveryCodes))
              }
            >
              Your old recovery codes stop working at once.
            </ConfirmButton>
            <Button
              variant="secondary"
              disabled={!fresh || start.isPending}
              onClick={() => run(async () => void (await start.mutateAsync()))}
            >
              {start.isPending ? "Preparing…" : "Move to a new phone"}
            </Button>
            {!required && (
              <ConfirmButton
                label="Turn off two-factor"
                title="Turn off two-factor sign-in?"
                confirmLabel="Turn off"
                disabled={!fresh}
                onConfirm={() =>
                  run(async () => {
                    await disable.mutateAsync();
                    toast.success("Two-factor sign-in is off.");
                    await onChanged();
                  })
                }
              >
                Your account will be protected by your password alone, and your recovery codes stop
                working.
              </ConfirmButton>
            )}
          </div>
          {required && (
            <p className="text-sm text-slate-600">
              Your MSP requires two-factor sign-in for your role, so it cannot be turned off.
            </p>
          )}
        </>
      ) : start.data ? (
        <Enrol enrolment={start.data} onCodes={onCodes} />
      ) : (
        <>
          <p className="text-sm text-slate-600">
            Add a second step to signing in: a 6-digit code from an authenticator app on your phone
            (Microsoft Authenticator, Google Authenticator, 1Password, …).
          </p>
          <Button
            disabled={!fresh || start.isPending}
            onClick={() => run(async () => void (await start.mutateAsync()))}
          >
            <KeyRound aria-hidden className="size-4" />
            {start.isPending ? "Preparing…" : "Set up two-factor"}
          </Button>
        </>
      )}
    </section>
  );
}

function Enrol({
  enrolment,
  onCodes,
  moving = false,
}: {
  enrolment: { secret: string; qrSvg: string };
  onCodes: (codes: string[]) => Promise<void>;
  moving?: boolean;
}) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmTwoFactor.mutationOptions());
  const { form, submit: onSubmit } = useVersionedForm<ConfirmTwoFactorInput>({
    schema: confirmTwoFactorSchema,
    defaultValues: { code: "" },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        const { recoveryCodes } = await confirm.mutateAsync(values);
        await onCodes(recoveryCodes);
        return { saved: true };
      } catch (error) {
        const problem = callProblem(error, "Could not turn on two-factor. Try again.");
        form.setValue("code", "");
        const code = fieldErrorsFor(problem, ["code"] as const).code ?? problem.message;
        return { saved: false, fieldErrors: { code } };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;
  return (
    <div className="space-y-4">
      {moving && (
        <p className="text-sm text-slate-700">
          Your current app keeps working until the new one is confirmed; confirming also makes new
          recovery codes.
        </p>
      )}
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open your authenticator app and add an account.</li>
        <li>Scan this QR code, or type the setup key.</li>
        <li>Enter the 6-digit code the app then shows.</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG made on the server, no optimisation needed */}
        <img
          src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
          alt="QR code for your authenticator app"
          width={192}
          height={192}
          className="size-48 rounded border border-slate-200 bg-white"
        />
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-800">Setup key</p>
          <code
            data-testid="totp-secret"
            className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm tracking-wider"
          >
            {grouped}
          </code>
          <p className="text-xs text-slate-500">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <div className="sm:w-56">
          <Field label="Code from the app" error={errors.code?.message}>
            {(props) => (
              <input
                {...props}
                {...form.register("code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
              />
            )}
          </Field>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
          {isSubmitting ? "Checking…" : moving ? "Use the new app" : "Turn on two-factor"}
        </Button>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section className={card} aria-labelledby="recovery-heading">
      <h2 id="recovery-heading" className="flex items-center gap-2 text-base font-semibold">
        <ShieldAlert aria-hidden className="size-5 text-amber-700" />
        Your recovery codes
      </h2>
      <Alert tone="info">
        Keep these somewhere safe (a password manager, or printed). Each signs you in once if you
        lose your phone. <strong>They are shown only now.</strong>
      </Alert>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-1 gap-2 font-mono text-base sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-3 py-1.5 tracking-wider">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(codes.join("\n")).then(
              () => toast.success("Recovery codes copied"),
              () => toast.error("Could not copy; select the codes and copy them."),
            )
          }
        >
          <Copy aria-hidden className="size-4" />
          Copy codes
        </Button>
        <Button onClick={onDone}>
          <CheckCircle2 aria-hidden className="size-4" />I have saved them
        </Button>
      </div>
    </section>
  );
}

function ChangePassword({ fresh }: { fresh: boolean }) {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const { form, submit: onSubmit } = useVersionedForm<ChangePasswordInput>({
    schema: changePasswordSchema,
    defaultValues: { newPassword: "" },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        const { otherSessionsEnded } = await change.mutateAsync(values);
        toast.success(
          `Password changed.${otherSessionsEnded ? ` Signed out ${otherSessionsEnded} other session${otherSessionsEnded === 1 ? "" : "s"}.` : ""}`,
        );
        return { saved: true, resetTo: { newPassword: "" } };
      } catch (error) {
        const problem = callProblem(error);
        const newPassword =
          fieldErrorsFor(problem, ["newPassword"] as const).newPassword ?? problem.message;
        return { saved: false, fieldErrors: { newPassword } };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <section className={card} aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-base font-semibold">
        Password
      </h2>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <div className="sm:w-80">
          <Field
            label="New password"
            hint="At least 12 characters; a phrase of unrelated words works well."
            error={errors.newPassword?.message}
          >
            {(props) => (
              <input
                {...props}
                {...form.register("newPassword")}
                type="password"
                autoComplete="new-password"
              />
            )}
          </Field>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={!fresh || isSubmitting}>
          {isSubmitting ? "Saving…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}

function ChangeEmail({
  fresh,
  email,
  pendingEmail,
  onChanged,
}: {
  fresh: boolean;
  email: string;
  pendingEmail: string | null;
  onChanged: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changeEmail.mutationOptions());
  const { form, submit: onSubmit } = useVersionedForm<ChangeEmailInput>({
    schema: changeEmailSchema,
    defaultValues: { email },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        const result = await change.mutateAsync(values);
        toast.success(
          result.pendingEmail
            ? `We sent a link to the new address, ${result.pendingEmail}. Open it while signed in to confirm; until then you sign in as ${result.email}.`
            : `You sign in as ${result.email}.`,
        );
        await onChanged();
        return { saved: true };
      } catch (error) {
        const problem = callProblem(error);
        const message = fieldErrorsFor(problem, ["email"] as const).email ?? problem.message;
        return { saved: false, fieldErrors: { email: message } };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <section className={card} aria-labelledby="email-heading">
      <h2 id="email-heading" className="text-base font-semibold">
        Email
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A new address takes effect once you open the link we send to it. Your current address is
        told too.
      </p>
      {pendingEmail && (
        <p role="status" className="mt-2 text-sm text-amber-900">
          We sent a link to the new address, {pendingEmail}. Until it is opened, you sign in as{" "}
          {email}.
        </p>
      )}
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <div className="sm:w-80">
          <Field label="Sign-in email" error={errors.email?.message}>
            {(props) => (
              <input {...props} {...form.register("email")} type="email" autoComplete="email" />
            )}
          </Field>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={!fresh || isSubmitting}>
          {isSubmitting ? "Saving…" : "Change email"}
        </Button>
      </form>
    </section>
  );
}
