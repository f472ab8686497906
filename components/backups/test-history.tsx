"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { History, Undo2 } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { useHydrated } from "@/components/ui/use-hydrated";
import { restoreKindLabels } from "@/server/contracts/backups";
import { formatMoment } from "@/components/ui/format";
import { AgainstTarget, ResultBadge, WithdrawnBadge } from "./status-badges";
import { TESTS_PAGE_SIZE, type RestoreTestRow } from "./types";
import { WithdrawTestDialog } from "./withdraw-test-dialog";

const cell =
  "px-3 py-2 align-top max-md:block max-md:min-w-0 max-md:p-0 max-md:before:block max-md:before:text-[11px] max-md:before:font-medium max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]";

/** Every restore test of the practice, newest first, a page at a time; one system's when filtered. */
export function TestHistory({
  practiceId,
  timeZone,
  canWrite,
  page,
  systemId,
}: {
  practiceId: string;
  timeZone: string;
  canWrite: boolean;
  page: number;
  systemId: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const hydrated = useHydrated();
  const filterId = useId();
  const { data: overview } = useSuspenseQuery(trpc.backups.overview.queryOptions({ practiceId }));
  const systems = overview.systems;
  const { data } = useSuspenseQuery(
    trpc.backups.tests.queryOptions({
      practiceId,
      page,
      pageSize: TESTS_PAGE_SIZE,
      ...(systemId ? { systemId } : {}),
    }),
  );
  const [withdrawing, setWithdrawing] = useState<RestoreTestRow | null>(null);
  const filteredName = systems.find((system) => system.systemId === systemId)?.name;

  const hrefFor = (nextPage: number, nextSystem = systemId) => {
    const query = new URLSearchParams({
      ...(nextSystem ? { system: nextSystem } : {}),
      ...(nextPage > 1 ? { page: String(nextPage) } : {}),
    });
    const search = query.toString();
    return `${pathname}${search ? `?${search}` : ""}#test-history`;
  };

  // A practice with no map and no tests has nothing to show here: the overview above says what to do first.
  if (systems.length === 0 && data.total === 0 && !systemId) return null;

  return (
    <section aria-labelledby="test-history" className="space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="test-history" className="text-lg font-semibold text-slate-900">
            Restore test history
          </h2>
          <p className="text-sm text-slate-600">
            {data.total === 0
              ? "No tests recorded yet."
              : `${data.total} test${data.total === 1 ? "" : "s"}${filteredName ? ` of ${filteredName}` : ""}, newest first.`}{" "}
            Tests are never deleted; one recorded in error is withdrawn with a reason.
          </p>
        </div>
        {systems.length > 0 && (
          <div className="flex items-center gap-2">
            <label htmlFor={filterId} className="text-sm font-medium text-slate-800">
              Show
            </label>
            <select
              id={filterId}
              className="min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              value={systemId ?? ""}
              disabled={!hydrated}
              onChange={(event) =>
                router.replace(hrefFor(1, event.target.value || null), { scroll: false })
              }
            >
              <option value="">All systems</option>
              {systems.map((system) => (
                <option key={system.systemId} value={system.systemId}>
                  {system.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      {data.items.length === 0 ? (
        <div className="flex items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
          <History aria-hidden className="size-5 shrink-0 text-slate-400" />
          {filteredName
            ? `No restore tests of ${filteredName} yet.`
            : "No restore tests yet. Record the first one from a system above once its targets are set."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:border-0 max-md:bg-transparent">
          <table className="w-full text-left text-sm max-md:block">
            <caption className="sr-only">
              Restore test history{filteredName ? ` of ${filteredName}` : ""}
            </caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 max-md:sr-only">
              <tr>
                <th scope="col" className="px-3 py-2.5">
                  When
                </th>
                <th scope="col" className="px-3 py-2.5">
                  System
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Restored
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Result
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Time to restore
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Data age
                </th>
                <th scope="col" className="px-3 py-2.5">
                  By
                </th>
                {canWrite && (
                  <th scope="col" className="px-3 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-md:block max-md:space-y-3 max-md:divide-y-0">
              {data.items.map((test) => {
                const withdrawn = test.withdrawnAt !== null;
                return (
                  <tr
                    key={test.id}
                    className={`max-md:grid max-md:grid-cols-2 max-md:gap-x-4 max-md:gap-y-2 max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:px-4 max-md:py-3 ${withdrawn ? "bg-slate-50 text-slate-500" : ""}`}
                  >
                    <th
                      scope="row"
                      className="px-3 py-2 text-left align-top font-normal max-md:col-span-2 max-md:block max-md:px-0"
                    >
                      <span
                        className={`whitespace-nowrap font-medium ${withdrawn ? "line-through" : "text-slate-900"}`}
                      >
                        {formatMoment(test.testedAt, timeZone)}
                      </span>
                      {withdrawn && (
                        <span className="mt-1 block text-xs">
                          <WithdrawnBadge />{" "}
                          <span className="text-slate-600">{test.withdrawnReason}</span>
                        </span>
                      )}
                      {test.evidence && (
                        <span className="mt-0.5 block max-w-72 whitespace-pre-line text-xs text-slate-500 max-md:max-w-none">
                          {test.evidence}
                        </span>
                      )}
                    </th>
                    <td data-label="System" className={cell}>
                      {test.systemName}
                    </td>
                    <td data-label="Restored" className={cell}>
                      {restoreKindLabels[test.kind]}
                    </td>
                    <td data-label="Result" className={cell}>
                      <ResultBadge result={test.result} />
                    </td>
                    <td data-label="Time to restore" className={cell}>
                      <AgainstTarget value={test.restoreMinutes} target={test.rtoMinutes} stacked />
                    </td>
                    <td data-label="Data age" className={cell}>
                      <AgainstTarget value={test.dataAgeMinutes} target={test.rpoMinutes} stacked />
                    </td>
                    <td data-label="By" className={cell}>
                      {test.testedByName}
                    </td>
                    {canWrite && (
                      <td className="px-3 py-2 text-right align-top max-md:col-span-2 max-md:block max-md:px-0 max-md:py-0 max-md:text-left">
                        {!withdrawn && (
                          <Button
                            variant="ghost"
                            className="min-h-9 py-1"
                            disabled={!hydrated}
                            onClick={() => setWithdrawing(test)}
                          >
                            <Undo2 aria-hidden className="size-3.5" /> Withdraw
                            <span className="sr-only">
                              {" "}
                              the {test.systemName} test of {formatMoment(test.testedAt, timeZone)}
                            </span>
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(next) => hrefFor(next)}
      />
      {canWrite && (
        <WithdrawTestDialog
          practiceId={practiceId}
          test={withdrawing}
          timeZone={timeZone}
          onClose={() => setWithdrawing(null)}
        />
      )}
    </section>
  );
}
