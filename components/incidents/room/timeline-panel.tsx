"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import {
  ChevronsUp,
  ClipboardCheck,
  CopyCheck,
  Clock,
  CloudOff,
  FileText,
  Flag,
  History,
  Link2,
  ListChecks,
  LoaderCircle,
  Lock,
  MessageSquare,
  Radio,
  RefreshCw,
  Send,
  Settings2,
  Siren,
  Crosshair,
  Ticket,
  WifiOff,
  type LucideIcon,
} from "lucide-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { isConnectionLost, subscribeToConnection } from "@/components/trpc/connection-state";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  incidentStatuses,
  postUpdateSchema,
  type IncidentStatus,
} from "@/server/contracts/incidents";
import { dayIfNotToday, formatClock, formatShortMoment } from "@/components/ui/format";
import { useActionKey } from "@/components/ui/use-action-key";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { StatusBadge } from "./badges";
import { OutboxList, useOutbox } from "./outbox";
import { Panel } from "./panel";
import { postUpdateFormId } from "./phone-action-bar";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView, TimelineEntry } from "./types";

const SHOWN_AT_FIRST = 40;

const kinds: Record<TimelineEntry["kind"], { Icon: LucideIcon; label: string; className: string }> =
  {
    declared: { Icon: Siren, label: "Outage declared", className: "bg-red-100 text-red-800" },
    status: { Icon: Flag, label: "Status", className: "bg-amber-100 text-amber-900" },
    update: { Icon: MessageSquare, label: "Update", className: "bg-brand-100 text-brand-800" },
    scope: { Icon: Crosshair, label: "Scope", className: "bg-violet-100 text-violet-900" },
    ticket: { Icon: Ticket, label: "Vendor ticket", className: "bg-sky-100 text-sky-900" },
    escalation: { Icon: ChevronsUp, label: "Escalation", className: "bg-sky-100 text-sky-900" },
    eta: { Icon: Clock, label: "Vendor's ETA", className: "bg-sky-100 text-sky-900" },
    checklist: {
      Icon: ListChecks,
      label: "Recovery checklist",
      className: "bg-emerald-100 text-emerald-900",
    },
    log: { Icon: FileText, label: "Downtime log", className: "bg-emerald-100 text-emerald-900" },
    closed: { Icon: Lock, label: "Closed", className: "bg-slate-200 text-slate-800" },
    linked: { Icon: Link2, label: "Linked", className: "bg-sky-100 text-sky-900" },
    review: { Icon: ClipboardCheck, label: "Review", className: "bg-slate-200 text-slate-800" },
    duplicate: { Icon: CopyCheck, label: "Duplicate", className: "bg-slate-200 text-slate-800" },
  };

const settingsKind = {
  Icon: Settings2,
  label: "Settings",
  className: "bg-slate-200 text-slate-800",
};

/** Entries by sequence number, each once, oldest first: the first read and every live entry merge here. */
function mergeEntries(
  current: readonly TimelineEntry[],
  incoming: readonly TimelineEntry[],
): TimelineEntry[] {
  const bySeq = new Map(current.map((entry) => [entry.seq, entry]));
  for (const entry of incoming) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const isStatus = (value: unknown): value is IncidentStatus =>
  incidentStatuses.includes(value as IncidentStatus);

/**
 * The live timeline. It starts from the page's read of the timeline, then follows the server-sent
 * stream from the last entry it has; a reconnect resumes after the last entry received, so nothing
 * is missed or shown twice. Newest first.
 */
export function TimelinePanel({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practiceId, incidentId, access, refreshSoon, reportConnection } = useRoom();
  const timelineKey = trpc.incidents.timeline.queryKey({ practiceId, incidentId });
  // The stream keeps this list current: reading it again (on focus) could drop an entry that arrived meanwhile.
  const { data: entries } = useSuspenseQuery({
    ...trpc.incidents.timeline.queryOptions({ practiceId, incidentId }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [since] = useState(() => entries.at(-1)?.seq ?? 0);
  const [showAll, setShowAll] = useState(false);
  // A room opened on a closed incident does not stream; one closed while open keeps its stream.
  const [streams] = useState(() => view.incident.status !== "closed");

  const live = useSubscription(
    trpc.incidents.onTimeline.subscriptionOptions(
      { practiceId, incidentId, lastEventId: since > 0 ? String(since) : null },
      {
        enabled: streams,
        onStarted: () => reportConnection("live"),
        onConnectionStateChange: (state) =>
          reportConnection(
            state.state === "pending"
              ? "live"
              : state.state === "connecting"
                ? "connecting"
                : "stopped",
          ),
        onError: () => reportConnection("stopped"),
        onData: ({ data: entry }) => {
          queryClient.setQueryData(timelineKey, (old) => mergeEntries(old ?? [], [entry]));
          // Timers, tickets, the checklist and the log may have changed with it.
          refreshSoon({ log: entry.kind === "log" });
        },
      },
    ),
  );

  // A stream the server refused for too many open live views says so in words (the badge says "Not live").
  const refusal =
    (live.error as { data?: { code?: string } } | null)?.data?.code === "TOO_MANY_REQUESTS"
      ? live.error!.message
      : null;
  const newestFirst = [...entries].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, SHOWN_AT_FIRST);
  const canPost = access.canWrite && view.incident.status !== "closed";

  return (
    <Panel
      id="timeline"
      title="Timeline"
      icon={History}
      actions={
        <ConnectionState
          closed={view.incident.status === "closed"}
          onReconnect={() => live.reset()}
        />
      }
    >
      {refusal && (
        <p
          role="alert"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {refusal}
        </p>
      )}
      {canPost && (
        <PostUpdateForm
          view={view}
          onPostedWhileOffline={() => void queryClient.invalidateQueries({ queryKey: timelineKey })}
        />
      )}
      <div className={canPost ? "mt-3" : ""}>
        <OutboxList />
      </div>
      {/* The live region wraps the list: a list given role="log" would no longer be a list of its items. */}
      <div
        role="log"
        aria-label="Timeline, newest first"
        className={canPost ? "mt-4 border-t border-slate-100 pt-4" : ""}
      >
        <ol className="space-y-3">
          {shown.map((entry) => (
            <Entry key={entry.seq} entry={entry} />
          ))}
        </ol>
      </div>
      {newestFirst.length > SHOWN_AT_FIRST && (
        <Button
          variant="ghost"
          className="mt-3 w-full"
          onClick={() => setShowAll((value) => !value)}
        >
          {showAll ? "Show only the latest" : `Show all ${newestFirst.length} entries`}
        </Button>
      )}
    </Panel>
  );
}

/**
 * Live, connecting, reconnecting or stopped: an icon and words. With `onReconnect`, a stopped stream
 * can be restarted. A closed incident changes no more: nothing is shown (and nothing is streamed).
 */
export function ConnectionState({
  closed,
  onReconnect,
}: {
  closed: boolean;
  onReconnect?: () => void;
}) {
  const { connection: stream } = useRoom();
  // The stream may stay open while the server cannot reach its database: then it is not live either.
  const lost = useSyncExternalStore(subscribeToConnection, isConnectionLost, () => false);
  const connection = stream === "live" && lost ? "reconnecting" : stream;
  if (closed) return null;
  if (connection === "live") {
    return (
      <span
        role="status"
        className="inline-flex items-center gap-1.5 rounded-full border border-emerald-300 bg-emerald-50 px-2.5 py-1 text-xs font-semibold text-emerald-900"
      >
        <Radio aria-hidden className="size-3.5" /> Live
      </span>
    );
  }
  if (connection !== "stopped") {
    return (
      <span
        role="status"
        className="inline-flex items-center gap-1.5 rounded-full border border-amber-300 bg-amber-50 px-2.5 py-1 text-xs font-semibold text-amber-900"
      >
        <LoaderCircle aria-hidden className="size-3.5 motion-safe:animate-spin" />{" "}
        {connection === "reconnecting" ? "Reconnecting…" : "Connecting…"}
      </span>
    );
  }
  return (
    <span role="status" className="inline-flex flex-wrap items-center gap-2">
      <span className="inline-flex items-center gap-1.5 rounded-full border border-red-300 bg-red-50 px-2.5 py-1 text-xs font-semibold text-red-900">
        <WifiOff aria-hidden className="size-3.5" /> Not live{onReconnect ? "" : ": updates paused"}
      </span>
      {onReconnect && (
        <Button variant="secondary" className="min-h-8 px-2.5 py-1 text-xs" onClick={onReconnect}>
          <RefreshCw aria-hidden className="size-3.5" /> Reconnect
        </Button>
      )}
    </span>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  // The day changes rarely: the server's time of the last read is close enough, and entries need not tick.
  const { timeZone, serverNow } = useRoom();
  // A settings change is recorded as a status entry that lists what changed.
  const { Icon, label, className } =
    entry.kind === "status" && Array.isArray(entry.detail.changed)
      ? settingsKind
      : (kinds[entry.kind] ?? kinds.update);
  const from = entry.detail.from;
  const to = entry.detail.to;
  const day = dayIfNotToday(entry.at, serverNow, timeZone);
  return (
    <li className="flex gap-3">
      <span
        className={`mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full ${className}`}
      >
        <Icon aria-hidden className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
          <span className="font-semibold text-slate-800">{label}</span>
          <span>{entry.authorName}</span>
          {entry.writtenAt ? (
            <WrittenOffline writtenAt={entry.writtenAt} at={entry.at} />
          ) : (
            <time dateTime={entry.at.toISOString()} title={formatShortMoment(entry.at, timeZone)}>
              {day ? `${day}, ` : ""}
              {formatClock(entry.at, timeZone)}
            </time>
          )}
          {entry.shared && (
            <span className="inline-flex items-center gap-0.5">
              <Link2 aria-hidden className="size-3" /> shared
            </span>
          )}
        </p>
        {entry.kind === "status" && isStatus(from) && isStatus(to) && (
          <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm">
            <StatusBadge status={from} /> <span aria-label="to">→</span> <StatusBadge status={to} />
          </p>
        )}
        {entry.body && (
          <p
            className={`mt-1 text-sm break-words whitespace-pre-line ${entry.kind === "update" ? "text-slate-900" : "text-slate-700"}`}
          >
            {entry.body}
          </p>
        )}
      </div>
    </li>
  );
}

/**
 * "written 14:05 · reached Standby 14:32": an entry that waited on its author's device for the
 * connection, with both times in the practice's zone (the full moment, with the zone, on hover).
 */
export function WrittenOffline({ writtenAt, at }: { writtenAt: Date; at: Date }) {
  const { timeZone, serverNow } = useRoom();
  const clock = (moment: Date) => {
    const day = dayIfNotToday(moment, serverNow, timeZone);
    return `${day ? `${day}, ` : ""}${formatClock(moment, timeZone)}`;
  };
  return (
    <span data-written-offline>
      <CloudOff aria-hidden className="mr-0.5 inline size-3" />
      written{" "}
      <time dateTime={writtenAt.toISOString()} title={formatShortMoment(writtenAt, timeZone)}>
        {clock(writtenAt)}
      </time>{" "}
      · reached Standby{" "}
      <time dateTime={at.toISOString()} title={formatShortMoment(at, timeZone)}>
        {clock(at)}
      </time>
    </span>
  );
}

const postFormSchema = z.object({
  body: postUpdateSchema.shape.body,
  shareWithLinked: z.boolean(),
});
type PostFields = z.infer<typeof postFormSchema>;

function PostUpdateForm({
  view,
  onPostedWhileOffline,
}: {
  view: IncidentView;
  onPostedWhileOffline: () => void;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, connection } = useRoom();
  const run = useRoomAction();
  const outbox = useOutbox();
  const post = useMutation(trpc.incidents.postUpdate.mutationOptions());
  const action = useActionKey();
  const linkedCount = view.linked.filter((other) => other.status !== "closed").length;
  const { form, submit, problem } = useVersionedForm<PostFields>({
    schema: postFormSchema,
    defaultValues: { body: "", shareWithLinked: true },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      const update = {
        body: values.body,
        shareWithLinked: linkedCount > 0 && values.shareWithLinked,
      };
      // Kept on this device when Standby cannot be reached (or something waits already: order).
      const keep = async () => {
        if (!(await outbox?.enqueue({ kind: "update", key: action.key, input: update })))
          return false;
        action.renew();
        toast.info(
          "No connection: the update is kept on this device and sent when Standby is back.",
        );
        return true;
      };
      if (outbox?.shouldQueue() && (await keep()))
        return { saved: true, resetTo: { body: "", shareWithLinked: values.shareWithLinked } };
      const outcome = await run(
        () =>
          post.mutateAsync({
            practiceId,
            incidentId,
            ...update,
            idempotencyKey: action.key,
          }),
        {
          success:
            linkedCount > 0 && values.shareWithLinked
              ? `Update posted here and to ${linkedCount} linked practice${linkedCount === 1 ? "" : "s"}`
              : "Update posted",
        },
      );
      // It may have arrived before the answer was lost: it goes to the queue with the same key.
      if (!outcome.ok && outcome.problem.code === "SERVICE_UNAVAILABLE" && (await keep()))
        return { saved: true, resetTo: { body: "", shareWithLinked: values.shareWithLinked } };
      if (!outcome.ok) return toSaveOutcome(outcome);
      action.renew();
      if (connection !== "live") onPostedWhileOffline();
      return { saved: true, resetTo: { body: "", shareWithLinked: values.shareWithLinked } };
    },
  });
  const { errors, isSubmitting } = form.formState;
  // Opened from the command menu's "Post an update" (…#post-update): the cursor waits in the composer.
  const { setFocus } = form;
  useEffect(() => {
    const focusWhenAsked = () => {
      if (window.location.hash === `#${postUpdateFormId}`) setFocus("body");
    };
    focusWhenAsked();
    window.addEventListener("hashchange", focusWhenAsked);
    return () => window.removeEventListener("hashchange", focusWhenAsked);
  }, [setFocus]);

  return (
    <form id={postUpdateFormId} onSubmit={submit} noValidate className="space-y-2 scroll-mt-24">
      <Field
        label="Post an update"
        hint={
          <>
            Everyone watching sees it at once.
            {/* A keyboard shortcut means nothing on a phone's touch keyboard. */}
            <span className="hidden sm:pointer-fine:inline"> Ctrl+Enter posts it.</span>
          </>
        }
        error={errors.body?.message}
      >
        {(props) => (
          <textarea
            {...props}
            {...form.register("body")}
            rows={3}
            placeholder="What changed, what happens next, when the next update comes"
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void submit();
              }
            }}
          />
        )}
      </Field>
      {linkedCount > 0 && (
        <Checkbox
          label={`Share with the ${linkedCount} linked practice${linkedCount === 1 ? "" : "s"}`}
          hint="The same vendor-wide outage: they see this update on their timelines."
          {...form.register("shareWithLinked")}
        />
      )}
      {problem && <RoomProblem problem={problem} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || isSubmitting}>
          <Send aria-hidden className="size-4" /> {isSubmitting ? "Posting…" : "Post update"}
        </Button>
      </div>
    </form>
  );
}
