"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ExternalLink, FileCheck, FileX, Pencil, Phone, Plus, Store, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { CATALOG_PAGE_SIZE, vendorCategoryLabel, type CatalogVendor } from "./types";
import { VendorDialog, type VendorTarget } from "./vendor-dialog";
import { telHref } from "@/server/domain/phone-number";

const cell =
  "px-3 py-2 align-top max-md:block max-md:min-w-0 max-md:p-0 max-md:before:block max-md:before:text-[11px] max-md:before:font-medium max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]";

/** The MSP's vendor catalog: each vendor once, with how many practices use it. */
export function VendorCatalog({
  search,
  page,
  canWrite,
}: {
  search: string;
  page: number;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data } = useSuspenseQuery(
    trpc.vendors.list.queryOptions({ search, page, pageSize: CATALOG_PAGE_SIZE }),
  );
  const [target, setTarget] = useState<VendorTarget | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const hrefFor = (nextPage: number) => {
    const query = new URLSearchParams({ ...(search ? { q: search } : {}), page: String(nextPage) });
    return `/vendors?${query}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">
          {data.total} vendor{data.total === 1 ? "" : "s"}
          {search ? ` matching “${search}”` : " in your catalog"}
        </p>
        {canWrite && (
          <Button disabled={!hydrated} onClick={() => setTarget({ mode: "new" })}>
            <Plus aria-hidden className="size-4" /> New vendor
          </Button>
        )}
      </div>
      {refusal && (
        <Alert tone="error">
          <p>{refusal}</p>
          <button type="button" className="mt-1 text-sm underline" onClick={() => setRefusal(null)}>
            Dismiss
          </button>
        </Alert>
      )}
      {data.items.length === 0 ? (
        <EmptyState
          icon={Store}
          title={
            search ? `No vendors match “${search}”` : "No vendors yet — add the EHR vendor first"
          }
        >
          {search
            ? "Try another name, or clear the search."
            : canWrite
              ? "Add the vendors your practices call when something breaks: EHR, internet providers, phones, billing, imaging, backup."
              : "Your MSP's technicians add vendors here."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:border-0 max-md:bg-transparent">
          <table className="w-full text-left text-sm max-md:block">
            <caption className="sr-only">Vendor catalog</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 max-md:sr-only">
              <tr>
                <th scope="col" className="px-3 py-2.5">
                  Vendor
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Category
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Support
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Hours
                </th>
                <th scope="col" className="px-3 py-2.5">
                  BAA
                </th>
                <th scope="col" className="px-3 py-2.5">
                  Practices
                </th>
                {canWrite && (
                  <th scope="col" className="px-3 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-md:block max-md:space-y-3 max-md:divide-y-0">
              {data.items.map((vendor) => (
                <VendorRow
                  key={vendor.id}
                  vendor={vendor}
                  canWrite={canWrite}
                  hydrated={hydrated}
                  onEdit={() => setTarget({ mode: "edit", vendor })}
                  onRefused={setRefusal}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={hrefFor} />
      {canWrite && <VendorDialog target={target} onClose={() => setTarget(null)} />}
    </div>
  );
}

function VendorRow({
  vendor,
  canWrite,
  hydrated,
  onEdit,
  onRefused,
}: {
  vendor: CatalogVendor;
  canWrite: boolean;
  hydrated: boolean;
  onEdit: () => void;
  onRefused: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.vendors.delete.mutationOptions({
      onSuccess: async () => {
        onRefused(null);
        await queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() });
        toast.success(`${vendor.name} deleted from your catalog`);
      },
      onError: (error) => {
        const message = callProblem(error, "Could not delete the vendor. Try again.").message;
        onRefused(`${vendor.name} was not deleted. ${message}`);
      },
    }),
  );
  return (
    <tr className="max-md:grid max-md:grid-cols-2 max-md:gap-x-4 max-md:gap-y-2 max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:px-4 max-md:py-3">
      <th
        scope="row"
        className="px-3 py-2 text-left align-top font-normal max-md:col-span-2 max-md:block max-md:px-0 max-md:pb-1"
      >
        <span className="font-semibold text-slate-900">{vendor.name}</span>
        {vendor.contractNotes && (
          <span className="mt-0.5 block max-w-80 text-xs text-slate-500 line-clamp-2 max-md:max-w-none">
            {vendor.contractNotes}
          </span>
        )}
      </th>
      <td data-label="Category" className={cell}>
        {vendorCategoryLabel(vendor.category)}
      </td>
      <td data-label="Support" className={cell}>
        <span className="flex min-w-0 flex-col gap-0.5">
          {vendor.supportPhone ? (
            <a
              className="inline-flex min-h-8 items-center gap-1 whitespace-nowrap text-brand-700 underline"
              href={telHref(vendor.supportPhone)}
            >
              <Phone aria-hidden className="size-3.5" /> {vendor.supportPhone}
            </a>
          ) : (
            <span className="text-slate-500">No phone</span>
          )}
          {vendor.portalUrl && (
            <a
              className="inline-flex min-h-8 min-w-0 items-center gap-1 text-brand-700 underline"
              href={vendor.portalUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              <span className="max-w-48 truncate">
                {vendor.portalUrl.replace(/^https?:\/\//, "")}
              </span>
              <ExternalLink aria-hidden className="size-3.5 shrink-0" />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          )}
        </span>
      </td>
      <td data-label="Hours" className={cell}>
        {vendor.supportHours || <span className="text-slate-500">—</span>}
      </td>
      <td data-label="BAA" className={cell}>
        {vendor.baaOnFile ? (
          <span className="inline-flex items-center gap-1 whitespace-nowrap text-emerald-800">
            <FileCheck aria-hidden className="size-4" /> On file
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 whitespace-nowrap font-medium text-amber-900">
            <FileX aria-hidden className="size-4" /> None
          </span>
        )}
      </td>
      <td data-label="Practices" className={`${cell} tabular-nums`}>
        {vendor.practiceCount === 0 ? (
          <span className="text-slate-500">Not used</span>
        ) : (
          `${vendor.practiceCount} practice${vendor.practiceCount === 1 ? "" : "s"}`
        )}
      </td>
      {canWrite && (
        <td className="px-3 py-2 align-top max-md:col-span-2 max-md:mt-1 max-md:block max-md:px-0 max-md:py-0">
          <div className="flex justify-end gap-2 max-md:flex-wrap max-md:justify-start">
            <Button
              variant="secondary"
              className="min-h-9 py-1"
              disabled={!hydrated}
              onClick={onEdit}
            >
              <Pencil aria-hidden className="size-3.5" /> Edit
              <span className="sr-only"> {vendor.name}</span>
            </Button>
            <ConfirmButton
              label={
                <>
                  <Trash2 aria-hidden className="size-3.5" /> Delete
                  <span className="sr-only"> {vendor.name}</span>
                </>
              }
              title={`Delete ${vendor.name} from your catalog?`}
              confirmLabel="Delete vendor"
              disabled={!hydrated || remove.isPending}
              onConfirm={() => remove.mutate({ vendorId: vendor.id })}
            >
              {vendor.practiceCount > 0
                ? `${vendor.name} is linked to ${vendor.practiceCount} practice${vendor.practiceCount === 1 ? "" : "s"}; it can only be deleted once no practice or system uses it.`
                : `${vendor.name} leaves your catalog. This cannot be undone.`}
            </ConfirmButton>
          </div>
        </td>
      )}
    </tr>
  );
}
