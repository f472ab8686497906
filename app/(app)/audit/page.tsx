import { ClipboardList } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm } from "@/components/ui/filter-form";
import { formatMoment } from "@/components/ui/format";
import { ViewerTime } from "@/components/ui/viewer-time";
import { PageHeader } from "@/components/ui/page-header";
import { auditActionPhrase } from "@/server/domain/audit-actions";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Audit log" };

const entityTypes = [
  ["practice", "Practices"],
  ["user", "Members"],
  ["invitation", "Invitations"],
  ["session", "Sign-ins"],
] as const;

const text = (value: string | string[] | undefined) =>
  typeof value === "string" && value.length > 0 ? value : undefined;

function describe(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" · ");
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!can(user.role, "audit.read")) notFound();
  const params = await searchParams;
  const filters = {
    entityType: text(params.entity),
    action: text(params.action),
    actorUserId: text(params.actor),
    from: text(params.from),
    to: text(params.to),
  };
  const cursor =
    text(params.before) && text(params.beforeId)
      ? { createdAt: text(params.before)!, id: text(params.beforeId)! }
      : undefined;
  const queryClient = getQueryClient();
  const [events, members] = await Promise.all([
    orNotFound(
      queryClient.fetchQuery(trpc.audit.list.queryOptions({ ...filters, cursor, pageSize: 50 })),
    ),
    queryClient.fetchQuery(trpc.members.list.queryOptions()),
  ]);
  const filterQuery = new URLSearchParams(
    Object.entries({
      entity: filters.entityType,
      action: filters.action,
      actor: filters.actorUserId,
      from: filters.from,
      to: filters.to,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const olderHref = events.nextCursor
    ? `/audit?${new URLSearchParams([...filterQuery, ["before", events.nextCursor.createdAt], ["beforeId", events.nextCursor.id]])}`
    : null;
  const control =
    "block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in your MSP: who, what, when. Newest first. A practice's events are on its own clock; the rest on yours."
      />
      {/* A choice applies as it is made; the action text with Enter or its Search button. */}
      <FilterForm
        action="/audit"
        role="search"
        aria-label="Filter the audit log"
        submitLabel="Search"
        actions={
          <Link href="/audit" className={buttonClass("ghost")}>
            Clear
          </Link>
        }
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
      >
        <div>
          <label htmlFor="audit-entity" className="mb-1 block text-sm font-medium">
            What
          </label>
          <select
            id="audit-entity"
            name="entity"
            defaultValue={filters.entityType ?? ""}
            className={control}
          >
            <option value="">Everything</option>
            {entityTypes.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className="mb-1 block text-sm font-medium">
            Action contains
          </label>
          <input
            id="audit-action"
            name="action"
            defaultValue={filters.action}
            maxLength={60}
            placeholder="e.g. archive"
            className={control}
          />
        </div>
        <div>
          <label htmlFor="audit-actor" className="mb-1 block text-sm font-medium">
            Who
          </label>
          <select
            id="audit-actor"
            name="actor"
            defaultValue={filters.actorUserId ?? ""}
            className={control}
          >
            <option value="">Anyone</option>
            {members.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="mb-1 block text-sm font-medium">
            From
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={filters.from}
            className={control}
          />
        </div>
        <div>
          <label htmlFor="audit-to" className="mb-1 block text-sm font-medium">
            To
          </label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={filters.to}
            className={control}
          />
        </div>
      </FilterForm>
      {events.items.length === 0 ? (
        <EmptyState icon={ClipboardList} title="No events match">
          Change or clear the filters.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2.5">
                  When
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Who
                </th>
                <th scope="col" className="px-4 py-2.5">
                  Action
                </th>
                <th scope="col" className="hidden px-4 py-2.5 md:table-cell">
                  Details
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.items.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                    {event.practiceTimeZone ? (
                      <time dateTime={event.createdAt.toISOString()}>
                        {formatMoment(event.createdAt, event.practiceTimeZone)}
                      </time>
                    ) : (
                      <ViewerTime moment={event.createdAt.toISOString()} />
                    )}
                  </td>
                  <td className="px-4 py-2.5">{event.actorName}</td>
                  <td className="px-4 py-2.5">{auditActionPhrase(event.action)}</td>
                  <td className="hidden max-w-md truncate px-4 py-2.5 text-slate-600 md:table-cell">
                    {describe(event.summary)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref && (
        <div className="mt-4">
          <Link href={olderHref} className={buttonClass("secondary")}>
            Older events
          </Link>
        </div>
      )}
    </>
  );
}
