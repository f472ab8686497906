import { Inbox } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { EmptyState } from "@/components/ui/empty-state";
import Link from "@/components/ui/link";
import {
  deliveryStatuses,
  deliveryStatusLabels,
  notificationEvents,
  type DeliveryStatus,
  type NotificationEvent,
} from "@/server/contracts/notifications";
import type { ChannelView, DeliveryLogPage } from "./types";

export type DeliveryFilters = {
  channelId?: string;
  event?: NotificationEvent;
  status?: DeliveryStatus;
  practiceId?: string;
  from?: string;
  to?: string;
  before?: Date;
};

const control =
  "min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-brand-600";

const statusTone: Record<DeliveryStatus, string> = {
  pending: "bg-amber-50 text-amber-900",
  sending: "bg-amber-50 text-amber-900",
  delivered: "bg-emerald-50 text-emerald-900",
  accepted: "bg-emerald-50 text-emerald-900",
  failed: "bg-red-50 text-red-900",
  outbox: "bg-slate-100 text-slate-800",
};

const when = (moment: Date) => moment.toISOString().slice(0, 19).replace("T", " ");

function hrefWith(filters: DeliveryFilters, before: Date) {
  const params = new URLSearchParams();
  if (filters.channelId) params.set("channel", filters.channelId);
  if (filters.event) params.set("event", filters.event);
  if (filters.status) params.set("status", filters.status);
  if (filters.practiceId) params.set("practice", filters.practiceId);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  params.set("before", before.toISOString());
  return `/notifications?${params}#deliveries`;
}

/**
 * Every delivery, newest first: to which channel, its status, attempts, the receiver's answer and how
 * long it took. Outbox messages show what would have been sent. Filters are a plain GET form.
 */
export function DeliveryLog({
  page,
  channels,
  practices,
  filters,
}: {
  page: DeliveryLogPage;
  channels: ChannelView[];
  practices: { id: string; name: string }[];
  filters: DeliveryFilters;
}) {
  const filtered = Boolean(
    filters.channelId ||
    filters.event ||
    filters.status ||
    filters.practiceId ||
    filters.from ||
    filters.to,
  );
  return (
    <section id="deliveries" aria-labelledby="deliveries-heading" className="space-y-3">
      <h2 id="deliveries-heading" className="text-base font-semibold">
        Delivery log
      </h2>
      <FilterForm
        action="/notifications"
        role="search"
        aria-label="Filter deliveries"
        actions={
          <Link href="/notifications#deliveries" className={buttonClass("ghost")}>
            Clear
          </Link>
        }
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end"
      >
        <div>
          <label htmlFor="log-channel" className="mb-1 block text-sm font-medium">
            Channel
          </label>
          <select
            id="log-channel"
            name="channel"
            defaultValue={filters.channelId ?? ""}
            className={control}
          >
            <option value="">Any channel</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-event" className="mb-1 block text-sm font-medium">
            Event
          </label>
          <select
            id="log-event"
            name="event"
            defaultValue={filters.event ?? ""}
            className={control}
          >
            <option value="">Any event</option>
            {(Object.keys(notificationEvents) as NotificationEvent[]).map((event) => (
              <option key={event} value={event}>
                {notificationEvents[event]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-status" className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select
            id="log-status"
            name="status"
            defaultValue={filters.status ?? ""}
            className={control}
          >
            <option value="">Any status</option>
            {deliveryStatuses.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-practice" className="mb-1 block text-sm font-medium">
            Practice
          </label>
          <select
            id="log-practice"
            name="practice"
            defaultValue={filters.practiceId ?? ""}
            className={control}
          >
            <option value="">Any practice</option>
            {practices.map((practice) => (
              <option key={practice.id} value={practice.id}>
                {practice.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-from" className="mb-1 block text-sm font-medium">
            From (UTC)
          </label>
          <input
            id="log-from"
            name="from"
            type="date"
            defaultValue={filters.from}
            className={control}
          />
        </div>
        <div>
          <label htmlFor="log-to" className="mb-1 block text-sm font-medium">
            To (UTC)
          </label>
          <input id="log-to" name="to" type="date" defaultValue={filters.to} className={control} />
        </div>
      </FilterForm>
      {page.items.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing delivered yet">
          {filtered
            ? "No delivery matches these filters. Change or clear them."
            : "Declare an outage or send a test from a channel above: each message shows here with what the receiver answered."}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {page.items.map((item) => (
            <li key={item.id} className="space-y-1 px-4 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${statusTone[item.status]}`}
                >
                  {deliveryStatusLabels[item.status]}
                </span>
                <span className="font-medium">{item.headline}</span>
                {item.practiceName && <span className="text-slate-600">{item.practiceName}</span>}
              </div>
              <p className="text-slate-600">
                <span className="sr-only">When (UTC): </span>
                {when(item.createdAt)} UTC · {notificationEvents[item.event]} → {item.channelName}
                {item.recipient && ` (${item.recipient})`}
                {item.attempts > 0 &&
                  ` · ${item.attempts} ${item.attempts === 1 ? "attempt" : "attempts"}`}
                {item.lastHttpStatus !== null && ` · HTTP ${item.lastHttpStatus}`}
                {item.lastLatencyMs !== null && ` · ${item.lastLatencyMs} ms`}
                {item.status === "pending" &&
                  item.attempts > 0 &&
                  ` · next attempt ${when(item.nextAttemptAt)} UTC`}
              </p>
              {item.lastDetail && <p className="text-slate-700">{item.lastDetail}</p>}
              {item.status === "outbox" && item.preview && <OutboxPreview preview={item.preview} />}
            </li>
          ))}
        </ul>
      )}
      {page.nextBefore && (
        <Link href={hrefWith(filters, page.nextBefore)} className={buttonClass("secondary")}>
          Older deliveries
        </Link>
      )}
    </section>
  );
}

function OutboxPreview({ preview }: { preview: Record<string, unknown> }) {
  const email = preview.email as { subject: string; text: string } | undefined;
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <summary className="cursor-pointer font-medium">
        Show the message as it would have been sent
      </summary>
      {email && (
        <div className="mt-2">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</p>
          <p className="font-medium">{email.subject}</p>
          <pre className="whitespace-pre-wrap font-sans text-slate-700">{email.text}</pre>
        </div>
      )}
      {typeof preview.sms === "string" && (
        <div className="mt-2">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Text message</p>
          <p>{preview.sms}</p>
        </div>
      )}
    </details>
  );
}
