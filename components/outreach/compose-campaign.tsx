"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Eye, Mail, MessageSquareText, Send, UserX } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatClock } from "@/components/ui/format";
import { Modal } from "@/components/ui/modal";
import { useActionKey } from "@/components/ui/use-action-key";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  outreachPreviewSchema,
  SECOND_CONFIRMATION_ABOVE,
  urgentKinds,
  type OutreachPreviewInput,
} from "@/server/contracts/outreach";
import {
  outreachKindLabels,
  outreachKinds,
  outreachLanguageLabels,
  type OutreachKind,
} from "@/server/contracts/outreach-kinds";
import type { PreviewView } from "./types";

export type OutreachPreset = { kind: OutreachKind; date: string; from?: string; to?: string };

type DayChoice = "remaining" | "today" | "tomorrow" | "date";

const dayChoices: [DayChoice, string][] = [
  ["remaining", "Today's remaining"],
  ["today", "All of today"],
  ["tomorrow", "Tomorrow"],
  ["date", "Another day"],
];

type Choices = {
  kind: OutreachKind;
  day: DayChoice;
  date: string;
  from: string;
  to: string;
  providers: string[];
  sites: string[];
  visitTypes: string[];
  urgent: boolean;
  urgentReason: string;
};

function inputOf(practiceId: string, incidentId: string | null, choices: Choices) {
  const list = (values: string[]) => (values.length ? values : undefined);
  const input: OutreachPreviewInput = {
    practiceId,
    ...(incidentId ? { incidentId } : {}),
    kind: choices.kind,
    selection: {
      day:
        choices.day === "date" ? choices.date : choices.day === "tomorrow" ? "tomorrow" : "today",
      ...(choices.day === "remaining" ? { remainingOnly: true } : {}),
      ...(choices.from ? { from: choices.from } : {}),
      ...(choices.to ? { to: choices.to } : {}),
      ...(list(choices.providers) ? { providers: choices.providers } : {}),
      ...(list(choices.sites) ? { sites: choices.sites } : {}),
      ...(list(choices.visitTypes) ? { visitTypes: choices.visitTypes } : {}),
    },
    ...(choices.urgent && choices.urgentReason.trim()
      ? { urgentReason: choices.urgentReason.trim() }
      : {}),
  };
  return input;
}

/**
 * A new campaign: which appointments and which message, then the preview of exactly who gets what
 * and who is skipped why, then the send — confirmed, and above 100 recipients confirmed again by
 * typing their number. What is sent is what was previewed (a change asks for a new preview); the
 * server evaluates it once more as it sends, so a STOP that came in meanwhile still counts.
 */
export function ComposeCampaign({
  practiceId,
  incidentId,
  today,
  timeZone,
  stopped,
  onSent,
  preset = null,
}: {
  practiceId: string;
  incidentId: string | null;
  /** Chosen in advance by a link (a maintenance window's "tell patients"): the message and the day and times. */
  preset?: OutreachPreset | null;
  today: string;
  timeZone: string;
  stopped: boolean;
  onSent: (campaignId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const ids = useId();
  const [choices, setChoices] = useState<Choices>({
    kind: preset?.kind ?? "delay",
    day: preset ? "date" : "remaining",
    date: preset?.date ?? today,
    from: preset?.from ?? "",
    to: preset?.to ?? "",
    providers: [],
    sites: [],
    visitTypes: [],
    urgent: false,
    urgentReason: "",
  });
  const [previewed, setPreviewed] = useState<OutreachPreviewInput | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typedCount, setTypedCount] = useState("");
  const { key, renew } = useActionKey();
  const current = inputOf(practiceId, incidentId, choices);
  const stale = previewed !== null && JSON.stringify(previewed) !== JSON.stringify(current);

  // Every preview is a read of patient data (audited): read when asked, not on every change. The
  // counts come with the first page; each further page of texts is asked for with "Show more".
  const preview = useInfiniteQuery({
    ...trpc.outreach.preview.infiniteQueryOptions(previewed ?? current, {
      retry: false,
      initialCursor: 0,
      getNextPageParam: (last) => last.page.next,
    }),
    enabled: previewed !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const send = useMutation(trpc.outreach.send.mutationOptions());
  const pages = previewed && !preview.isError ? preview.data?.pages : undefined;
  const view: PreviewView | undefined = pages?.[0]
    ? {
        ...pages[0],
        recipients: pages.flatMap((page) => page.recipients),
        skipped: pages.flatMap((page) => page.skipped),
      }
    : undefined;
  // A new preview (not the next page) is being prepared: the previous one is not shown meanwhile.
  const preparing = preview.isFetching && !preview.isFetchingNextPage;

  const change = (update: Partial<Choices>) => setChoices((before) => ({ ...before, ...update }));

  function askPreview() {
    const parsed = outreachPreviewSchema.safeParse(current);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "Check the choices.");
      return;
    }
    setProblem(null);
    setPreviewed(current);
    if (previewed && JSON.stringify(previewed) === JSON.stringify(current)) void preview.refetch();
  }

  async function confirmSend() {
    if (!previewed || !view) return;
    try {
      const sent = await send.mutateAsync({
        ...previewed,
        confirm: true,
        ...(view.needsSecondConfirmation ? { confirmCount: Number(typedCount) } : {}),
        idempotencyKey: key,
      });
      renew();
      setConfirming(false);
      setTypedCount("");
      setPreviewed(null);
      // A preview asked again shows who is left now (those just sent to are skipped), not the kept one.
      queryClient.removeQueries({ queryKey: trpc.outreach.preview.pathKey() });
      toast.success(
        `${outreachKindLabels[previewed.kind]}: ${sent.recipients} message${sent.recipients === 1 ? "" : "s"} on ${sent.recipients === 1 ? "its" : "their"} way${sent.held ? ` (held until ${sent.held.words}, the end of quiet hours)` : ""}.`,
      );
      await queryClient.invalidateQueries({ queryKey: trpc.outreach.campaigns.pathKey() });
      onSent(sent.campaignId);
    } catch (error) {
      const refused = callProblem(error, "Could not send. Try again.");
      setConfirming(false);
      setProblem(refused.message);
      // The numbers changed since the preview: show them again.
      if (refused.code === "CONFLICT" || refused.code === "BAD_REQUEST") void preview.refetch();
    }
  }

  const count = view?.counts.recipients ?? 0;
  const secondOk = !view?.needsSecondConfirmation || Number(typedCount) === count;

  return (
    <section
      aria-labelledby={`${ids}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
        New message to patients
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Message">
          {(props) => (
            <select
              {...props}
              value={choices.kind}
              onChange={(event) => change({ kind: event.target.value as OutreachKind })}
            >
              {outreachKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {outreachKindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Appointments</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {dayChoices.map(([value, label]) => (
              <label key={value} className="flex min-h-9 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${ids}-day`}
                  value={value}
                  checked={choices.day === value}
                  onChange={() => change({ day: value })}
                  className="size-4 accent-brand-700"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {choices.day === "date" && (
          <Field label="Day">
            {(props) => (
              <input
                {...props}
                type="date"
                value={choices.date}
                onChange={(event) => change({ date: event.target.value })}
              />
            )}
          </Field>
        )}
        <div className="grid grid-cols-2 gap-3">
          <Field label="From (optional)" hint="On the practice's clock">
            {(props) => (
              <input
                {...props}
                type="time"
                value={choices.from}
                onChange={(event) => change({ from: event.target.value })}
              />
            )}
          </Field>
          <Field label="Until (optional)">
            {(props) => (
              <input
                {...props}
                type="time"
                value={choices.to}
                onChange={(event) => change({ to: event.target.value })}
              />
            )}
          </Field>
        </div>
      </div>

      {view && (
        <div className="grid gap-3 md:grid-cols-3">
          <Narrow
            legend="Providers"
            options={view.available.providers}
            chosen={choices.providers}
            onChange={(providers) => change({ providers })}
          />
          <Narrow
            legend="Sites"
            options={view.available.sites}
            chosen={choices.sites}
            onChange={(sites) => change({ sites })}
          />
          <Narrow
            legend="Visit types"
            options={view.available.visitTypes}
            chosen={choices.visitTypes}
            onChange={(visitTypes) => change({ visitTypes })}
          />
        </div>
      )}

      {(urgentKinds as readonly string[]).includes(choices.kind) && (
        <div className="space-y-2">
          <label className="flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={choices.urgent}
              onChange={(event) => change({ urgent: event.target.checked })}
              className="size-4 accent-brand-700"
            />
            Urgent: send even during quiet hours
          </label>
          {choices.urgent && (
            <Field label="Why it cannot wait" hint="Shown with the campaign. No patient names.">
              {(props) => (
                <input
                  {...props}
                  value={choices.urgentReason}
                  maxLength={300}
                  onChange={(event) => change({ urgentReason: event.target.value })}
                />
              )}
            </Field>
          )}
        </div>
      )}

      {problem && <Alert tone="error">{problem}</Alert>}
      {preview.isError && <Alert tone="error">{callProblem(preview.error).message}</Alert>}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant={view && !stale ? "secondary" : "primary"}
          disabled={!hydrated || preview.isFetching}
          onClick={askPreview}
        >
          <Eye aria-hidden className="size-4" />
          {preparing ? "Preparing the preview…" : stale || !view ? "Preview" : "Preview again"}
        </Button>
        {stale && (
          <span role="status" className="text-sm text-amber-800">
            The choice changed since the preview: preview again before sending.
          </span>
        )}
      </div>

      {preparing && <PreviewSkeleton />}

      {view && !stale && !preparing && (
        <PreviewPanel
          view={view}
          timeZone={timeZone}
          stopped={stopped}
          busy={!hydrated || send.isPending}
          onSend={() => {
            setProblem(null);
            setConfirming(true);
          }}
          more={
            preview.hasNextPage
              ? {
                  loading: preview.isFetchingNextPage,
                  onClick: () => void preview.fetchNextPage(),
                }
              : null
          }
        />
      )}

      <Modal
        open={confirming && Boolean(view)}
        title={`Send to ${count} patient${count === 1 ? "" : "s"}?`}
        onClose={() => setConfirming(false)}
      >
        {view && (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (secondOk) void confirmSend();
            }}
          >
            <p className="text-sm text-slate-700">
              “{outreachKindLabels[view.kind]}” goes to <strong>{count}</strong> patient
              {count === 1 ? "" : "s"}
              {view.heldUntil ? `, held until ${view.heldUntil.words} (quiet hours)` : " now"}.
              {view.counts.outbox > 0 &&
                ` ${view.counts.outbox} of them wait in the outbox (no provider configured).`}{" "}
              Each patient gets it once, even if it is sent again.
            </p>
            {view.needsSecondConfirmation && (
              <Field
                label={`Type ${count} to confirm`}
                hint={`More than ${SECOND_CONFIRMATION_ABOVE} recipients: type the number of patients to confirm.`}
              >
                {(props) => (
                  <input
                    {...props}
                    inputMode="numeric"
                    autoComplete="off"
                    value={typedCount}
                    onChange={(event) => setTypedCount(event.target.value.replace(/\D/g, ""))}
                  />
                )}
              </Field>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!secondOk || send.isPending}>
                <Send aria-hidden className="size-4" />
                {send.isPending ? "Sending…" : `Send ${count} message${count === 1 ? "" : "s"}`}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </section>
  );
}

function Narrow({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  if (options.length < 2) return null;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">
        {legend} <span className="font-normal text-slate-500">(none ticked: all)</span>
      </legend>
      {options.map((option) => (
        <label key={option} className="flex min-h-8 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...chosen, option]
                  : chosen.filter((each) => each !== option),
              )
            }
            className="size-4 accent-brand-700"
          />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/** Who gets what (each text as it goes), and who is skipped and why. */
function PreviewPanel({
  view,
  timeZone,
  stopped,
  busy,
  onSend,
  more,
}: {
  view: PreviewView;
  timeZone: string;
  stopped: boolean;
  busy: boolean;
  onSend: () => void;
  /** More recipients or skipped appointments than shown: the next page. */
  more: { loading: boolean; onClick: () => void } | null;
}) {
  const { counts } = view;
  return (
    <section aria-label="Preview" className="space-y-4 border-t border-slate-200 pt-4">
      <p role="status" className="text-base text-slate-900">
        <strong>
          {counts.recipients} patient{counts.recipients === 1 ? "" : "s"}
        </strong>{" "}
        get this message
        {counts.recipients > 0 &&
          ` (${[
            counts.sms ? `${counts.sms} by text` : "",
            counts.email ? `${counts.email} by email` : "",
            counts.outbox ? `${counts.outbox} to the outbox, not sent` : "",
          ]
            .filter(Boolean)
            .join(", ")})`}
        ; <strong>{counts.skipped} skipped</strong>.
      </p>
      {view.heldUntil && counts.held > 0 && (
        <Alert>
          It is quiet hours at the practice: these messages are held until{" "}
          <strong>{view.heldUntil.words}</strong>. For an urgent cancellation or delay, tick
          “Urgent” and say why.
        </Alert>
      )}
      {stopped && (
        <Alert tone="error">Sending is stopped for this practice: resume it to send.</Alert>
      )}
      {counts.recipients > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={busy || stopped} onClick={onSend}>
            <Send aria-hidden className="size-4" />
            Send to {counts.recipients} patient{counts.recipients === 1 ? "" : "s"}…
          </Button>
          {view.needsSecondConfirmation && (
            <span className="text-sm text-slate-600">
              More than {SECOND_CONFIRMATION_ABOVE}: you will type the number to confirm.
            </span>
          )}
        </div>
      )}
      {view.recipients.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-semibold text-slate-900">Who gets what</h3>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {view.recipients.map((recipient) => (
              <li
                key={recipient.appointmentId}
                aria-label={`${formatClock(recipient.startsAt, timeZone)} ${recipient.firstName}`}
                className="space-y-1 px-3 py-2 text-sm"
              >
                <p className="flex flex-wrap items-center gap-x-2 font-medium text-slate-900">
                  <span className="tabular-nums">{formatClock(recipient.startsAt, timeZone)}</span>
                  <span>{recipient.firstName}</span>
                  <span className="inline-flex items-center gap-1 font-normal text-slate-600">
                    {recipient.channel === "sms" ? (
                      <MessageSquareText aria-hidden className="size-4" />
                    ) : (
                      <Mail aria-hidden className="size-4" />
                    )}
                    {recipient.channel === "sms" ? "Text" : "Email"} to {recipient.to}
                  </span>
                  <span className="font-normal text-slate-600">
                    · {outreachLanguageLabels[recipient.language]}
                  </span>
                  {recipient.outbox && (
                    <span className="rounded-full border border-violet-300 bg-violet-50 px-2 text-xs font-normal text-violet-900">
                      Outbox: no provider configured
                    </span>
                  )}
                </p>
                {recipient.subject && (
                  <p className="text-slate-700">Subject: {recipient.subject}</p>
                )}
                <p className="whitespace-pre-wrap text-slate-700">{recipient.body}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.skipped.length > 0 && (
        <div className="space-y-2">
          <h3 className="flex items-center gap-2 font-semibold text-slate-900">
            <UserX aria-hidden className="size-4" /> Skipped
          </h3>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {view.skipped.map((each) => (
              <li
                key={each.appointmentId}
                className="flex flex-wrap gap-x-2 px-3 py-2 text-sm text-slate-700"
              >
                <span className="tabular-nums">{formatClock(each.startsAt, timeZone)}</span>
                <span className="font-medium text-slate-900">{each.firstName ?? "No patient"}</span>
                <span>— {each.reasonLabel}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {more && (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" disabled={more.loading} onClick={more.onClick}>
            {more.loading ? "Loading more…" : "Show more"}
          </Button>
          <span className="text-sm text-slate-600">
            Showing {view.recipients.length} of {counts.recipients} recipients
            {counts.skipped > 0 ? ` and ${view.skipped.length} of ${counts.skipped} skipped` : ""}.
          </span>
        </div>
      )}
    </section>
  );
}

/** While the preview is prepared: the shape of what comes, announced to screen readers. */
function PreviewSkeleton() {
  return (
    <section
      aria-label="Preview"
      aria-busy="true"
      className="space-y-3 border-t border-slate-200 pt-4"
    >
      <p role="status" className="sr-only">
        Preparing the preview…
      </p>
      <div className="h-5 w-2/3 animate-pulse rounded bg-slate-200" />
      <div className="h-9 w-48 animate-pulse rounded bg-slate-200" />
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {[0, 1, 2].map((line) => (
          <li key={line} className="space-y-2 px-3 py-3">
            <div className="h-4 w-1/3 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-5/6 animate-pulse rounded bg-slate-100" />
          </li>
        ))}
      </ul>
    </section>
  );
}
