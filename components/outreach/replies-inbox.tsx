"use client";

import { useMutation, useQueryClient, useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { CheckCircle2, Inbox, Phone, RefreshCw, RotateCcw, Send } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { formatClock, formatShortMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { useActionKey } from "@/components/ui/use-action-key";
import {
  answerReplySchema,
  REPLY_TEXT_MAX,
  type ReplyStatus,
} from "@/server/contracts/outreach-replies";
import { replyOutcome } from "./reply-outcome";
import { SimulateReply } from "./simulate-reply";
import { nextReplyPage, replyInboxInput, repliesPath, type InboxReply } from "./types";
import { telHref } from "@/server/domain/phone-number";

/**
 * Patients' texts back to the practice, newest first: open ones wait for the front desk, who answer
 * (by text through the practice's SMS provider, or kept here when there is none) and mark them
 * handled; handled ones show what Standby or a colleague did. Every read is audited, so the list is
 * read again only when someone asks (Refresh) or after a change.
 */
export function RepliesInbox({ practiceId, status }: { practiceId: string; status: ReplyStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useSuspenseInfiniteQuery({
    ...trpc.outreachReplies.inbox.infiniteQueryOptions(replyInboxInput(practiceId, status), {
      getNextPageParam: nextReplyPage,
    }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const first = inbox.data.pages[0]!;
  const items = inbox.data.pages.flatMap((page) => page.items);
  const timeZone = first.practice.timezone;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.outreachReplies.pathKey() });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Replies" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {(["open", "handled"] as const).map((tab) => (
            <Link
              key={tab}
              href={repliesPath(practiceId, tab)}
              aria-current={tab === status ? "page" : undefined}
              className={`inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium ${
                tab === status
                  ? "bg-white text-slate-900 shadow-sm"
                  : "text-slate-700 hover:bg-white/60"
              }`}
            >
              {tab === "open" ? `Open (${first.openCount})` : "Handled"}
            </Link>
          ))}
        </nav>
        <Button
          variant="ghost"
          onClick={() => void refresh()}
          disabled={inbox.isFetching}
          className="min-h-9"
        >
          <RefreshCw aria-hidden className={`size-4 ${inbox.isFetching ? "animate-spin" : ""}`} />
          Refresh
        </Button>
      </div>
      <p className="text-sm text-slate-600">
        {first.answersAreSent
          ? "Answers are texted to the patient through the practice's SMS provider."
          : "No SMS provider is configured: answers are kept here, marked not sent."}
      </p>

      {items.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={status === "open" ? "No replies waiting" : "No handled replies yet"}
        >
          {status === "open"
            ? "When patients text back, what Standby cannot act on by itself waits here. STOP, START, HELP, C (cancel) and Y (confirm) are handled at once."
            : "Replies Standby acted on (STOP, HELP, C, Y) and those the front desk answered or marked handled are listed here."}
        </EmptyState>
      ) : (
        <ol
          aria-label={status === "open" ? "Open replies" : "Handled replies"}
          className="space-y-3"
        >
          {items.map((reply) => (
            <ReplyCard
              key={reply.id}
              reply={reply}
              practiceId={practiceId}
              timeZone={timeZone}
              answersAreSent={first.answersAreSent}
              onChanged={refresh}
            />
          ))}
        </ol>
      )}
      {inbox.hasNextPage && (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void inbox.fetchNextPage()}
            disabled={inbox.isFetchingNextPage}
          >
            {inbox.isFetchingNextPage ? "Loading…" : "Show older replies"}
          </Button>
        </div>
      )}
    </div>
  );
}

function ReplyCard({
  reply,
  practiceId,
  timeZone,
  answersAreSent,
  onChanged,
}: {
  reply: InboxReply;
  practiceId: string;
  timeZone: string;
  answersAreSent: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [answering, setAnswering] = useState(false);
  const handle = useMutation(trpc.outreachReplies.markHandled.mutationOptions());
  const who = reply.patientName ?? "Unknown number";
  const handled = reply.handledAt !== null;
  const outcome = replyOutcome(reply.action, reply.handledByName === "Standby", handled);
  const demo = !reply.viaProvider && reply.messageId !== null;

  const toggle = async () => {
    try {
      await handle.mutateAsync({ practiceId, replyId: reply.id, handled: !handled });
      toast.success(handled ? "Moved back to open" : "Marked handled");
      await onChanged();
    } catch (error) {
      toast.error(callProblem(error).message);
    }
  };

  return (
    <li
      aria-label={`${who}, ${formatShortMoment(reply.receivedAt, timeZone)}`}
      className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="font-semibold break-words text-slate-900">{who}</p>
        <p className="text-sm text-slate-600">
          <time dateTime={reply.receivedAt.toISOString()}>
            {formatShortMoment(reply.receivedAt, timeZone)}
          </time>
          {demo && " · demo reply"}
        </p>
      </div>
      <a
        href={telHref(reply.from)}
        className="inline-flex min-h-8 items-center gap-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        <Phone aria-hidden className="size-3.5" />
        {reply.from}
      </a>
      {reply.appointment && (
        <p className="text-sm text-slate-700">
          About the appointment at {formatShortMoment(reply.appointment.startsAt, timeZone)}
          {reply.appointment.providerName && ` with ${reply.appointment.providerName}`}
          {reply.appointment.locationName && `, ${reply.appointment.locationName}`}
          {reply.appointment.removed && " (no longer in the schedule copy)"}
        </p>
      )}
      <blockquote className="mt-2 rounded-md border-l-4 border-slate-300 bg-slate-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-slate-900">
        {reply.text || <span className="text-slate-500">(no text)</span>}
      </blockquote>
      <p className="mt-2 flex items-start gap-1.5 text-sm font-medium text-slate-800">
        <outcome.Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          {outcome.words}
          {handled && reply.handledByName && reply.handledByName !== "Standby" && (
            <span className="font-normal">
              {" "}
              · handled by {reply.handledByName}, {formatShortMoment(reply.handledAt!, timeZone)}
            </span>
          )}
        </span>
      </p>
      {reply.note && <p className="mt-1 text-sm text-slate-700">{reply.note}</p>}
      {reply.answers.length > 0 && (
        <ul aria-label="Answers" className="mt-2 space-y-1">
          {reply.answers.map((answer, index) => (
            <li key={index} className="rounded-md bg-brand-50 px-3 py-2 text-sm text-slate-900">
              <p className="break-words whitespace-pre-wrap">{answer.text}</p>
              <p className="mt-0.5 text-xs text-slate-700">
                {answer.byName}, {formatClock(answer.at, timeZone)} ·{" "}
                {answer.outcome === "sent" ? "Sent" : answer.detail}
              </p>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {!answering && (
          <Button variant="secondary" onClick={() => setAnswering(true)} className="min-h-9">
            <Send aria-hidden className="size-4" />
            Answer
          </Button>
        )}
        <Button
          variant="ghost"
          onClick={() => void toggle()}
          disabled={handle.isPending}
          className="min-h-9"
        >
          {handled ? (
            <>
              <RotateCcw aria-hidden className="size-4" /> Move back to open
            </>
          ) : (
            <>
              <CheckCircle2 aria-hidden className="size-4" /> Mark handled
            </>
          )}
        </Button>
        {demo && (
          <SimulateReply
            practiceId={practiceId}
            messageId={reply.messageId!}
            patientName={reply.patientName}
          />
        )}
      </div>
      {answering && (
        <AnswerForm
          reply={reply}
          practiceId={practiceId}
          sends={answersAreSent && reply.viaProvider}
          onDone={() => setAnswering(false)}
          onAnswered={onChanged}
        />
      )}
    </li>
  );
}

function AnswerForm({
  reply,
  practiceId,
  sends,
  onDone,
  onAnswered,
}: {
  reply: InboxReply;
  practiceId: string;
  sends: boolean;
  onDone: () => void;
  onAnswered: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const answer = useMutation(trpc.outreachReplies.answer.mutationOptions());
  const action = useActionKey();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = answerReplySchema.shape.text.safeParse(text);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Write the answer.");
      return;
    }
    setError(null);
    try {
      const result = await answer.mutateAsync({
        practiceId,
        replyId: reply.id,
        text: checked.data,
        idempotencyKey: action.key,
      });
      if (result.outcome === "failed") toast.error(result.detail);
      else toast.success(result.outcome === "sent" ? "Answer sent" : result.detail);
      onDone();
      await onAnswered();
    } catch (cause) {
      setError(callProblem(cause, "The answer could not be saved. Try again.").message);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3">
      <Field
        label={`Answer to ${reply.patientName ?? reply.from}`}
        hint={`${sends ? "Texted to the patient." : "Not sent: kept here (no SMS provider, or a demo reply)."} At most ${REPLY_TEXT_MAX} characters; no other patient's details.`}
        error={error ?? undefined}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={text}
            maxLength={REPLY_TEXT_MAX}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={answer.isPending}>
          {answer.isPending ? "Sending…" : sends ? "Send answer" : "Save answer"}
        </Button>
      </div>
    </form>
  );
}
