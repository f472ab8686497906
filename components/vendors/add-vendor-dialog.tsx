"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Search } from "lucide-react";
import { useCallback, useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import type { LinkFields, VendorFields } from "@/server/contracts/vendors";
import { emptyLink, LinkForm, type LinkSaveOutcome } from "./link-form";
import { vendorCategoryLabel } from "./types";
import { emptyVendor, VendorForm, type VendorSaveOutcome } from "./vendor-form";

type Chosen = { id: string; name: string; fromCatalog: boolean };

/** Adds a vendor to a practice: one from the MSP's catalog, or a new one created in the catalog first. */
export function AddVendorDialog({
  practiceId,
  practiceName,
  linkedVendorIds,
  open,
  onClose,
}: {
  practiceId: string;
  practiceName: string;
  linkedVendorIds: string[];
  open: boolean;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const close = () => {
    setDirty(false);
    setChosen(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      size="lg"
      title={chosen ? `Add ${chosen.name} to ${practiceName}` : `Add a vendor to ${practiceName}`}
      description={
        chosen
          ? "Step 2 of 2: the practice's account and who to call."
          : "Step 1 of 2: which vendor?"
      }
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the details you have not saved?")}
    >
      {open &&
        (chosen ? (
          <LinkStep
            practiceId={practiceId}
            chosen={chosen}
            onBack={() => setChosen(null)}
            onDirtyChange={setDirty}
            onDone={close}
          />
        ) : (
          <ChooseStep
            linkedVendorIds={linkedVendorIds}
            onChosen={(vendor) => {
              setDirty(false);
              setChosen(vendor);
            }}
            onDirtyChange={setDirty}
          />
        ))}
    </Modal>
  );
}

function ChooseStep({
  linkedVendorIds,
  onChosen,
  onDirtyChange,
}: {
  linkedVendorIds: string[];
  onChosen: (vendor: Chosen) => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [source, setSource] = useState<"catalog" | "new">("catalog");
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [choice, setChoice] = useState<{ id: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const catalog = useQuery({
    ...trpc.vendors.list.queryOptions({ search: debounced, pageSize: 100 }),
    placeholderData: keepPreviousData,
  });
  const create = useMutation(trpc.vendors.create.mutationOptions());
  const linked = new Set(linkedVendorIds);
  const items = catalog.data?.items ?? [];
  const available = items.filter((vendor) => !linked.has(vendor.id));
  // A choice the search has since filtered out no longer counts.
  const selected =
    choice && (catalog.isFetching || available.some((vendor) => vendor.id === choice.id))
      ? choice
      : null;
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function createVendor(values: VendorFields): Promise<VendorSaveOutcome> {
    setProblem(null);
    try {
      const created = await create.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() });
      toast.success(`${values.name} added to your catalog`);
      onChosen({ id: created.id, name: values.name, fromCatalog: false });
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const name = found.fieldErrors.name?.[0];
      if (!name) setProblem(found.message);
      return { saved: false, fieldErrors: name ? { name } : undefined };
    }
  }

  return (
    <div className="space-y-4">
      <ChoiceCards
        legend="Where is the vendor?"
        columns="sm:grid-cols-2"
        options={[
          {
            value: "catalog",
            label: "From your catalog",
            description:
              "A vendor your MSP already keeps, e.g. the EHR vendor other practices use.",
          },
          {
            value: "new",
            label: "A new vendor",
            description: "Adds it to your MSP's catalog, then to this practice.",
          },
        ]}
        name={`${id}-source`}
        value={source}
        onChange={(value) => {
          setSource(value);
          setProblem(null);
        }}
      />

      {problem && <Alert tone="error">{problem}</Alert>}

      {source === "catalog" ? (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (!selected) {
              setProblem("Choose a vendor from the list, or add a new vendor.");
              return;
            }
            onChosen({ ...selected, fromCatalog: true });
          }}
        >
          <div className="space-y-1">
            <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">
              Search the catalog
            </label>
            <div className="relative">
              <Search
                aria-hidden
                className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
              />
              <input
                id={`${id}-search`}
                type="search"
                value={search}
                maxLength={100}
                onChange={(event) => setSearch(event.target.value)}
                placeholder="Vendor name"
                className="block min-h-10 w-full rounded-md border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm"
              />
            </div>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-vendor`} className="block text-sm font-medium text-slate-800">
              Catalog vendor
            </label>
            <select
              id={`${id}-vendor`}
              value={selected?.id ?? ""}
              onChange={(event) => {
                const vendor = available.find((item) => item.id === event.target.value);
                setChoice(vendor ? { id: vendor.id, name: vendor.name } : null);
                setProblem(null);
              }}
              className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              aria-describedby={`${id}-vendor-hint`}
            >
              <option value="">
                {catalog.isPending
                  ? "Loading the catalog…"
                  : available.length === 0
                    ? "No vendor to add"
                    : "Choose a vendor"}
              </option>
              {items.map((vendor) => (
                <option key={vendor.id} value={vendor.id} disabled={linked.has(vendor.id)}>
                  {vendor.name} ({vendorCategoryLabel(vendor.category)})
                  {linked.has(vendor.id) ? " — already added" : ""}
                </option>
              ))}
            </select>
            <p id={`${id}-vendor-hint`} className="text-xs text-slate-500">
              {catalog.data && catalog.data.total > items.length
                ? `Showing ${items.length} of ${catalog.data.total}; search to narrow the list.`
                : catalog.data && catalog.data.total === 0
                  ? debounced
                    ? `No vendor in your catalog matches “${debounced}”. Add it as a new vendor.`
                    : "Your catalog is empty. Add a new vendor."
                  : "Vendors this practice already has are listed but cannot be chosen again."}
            </p>
          </div>
          {catalog.error && (
            <Alert tone="error">
              {
                callProblem(catalog.error, "Could not load the catalog. Close this and try again.")
                  .message
              }
            </Alert>
          )}
          <div className="flex justify-end">
            <Button type="submit" disabled={!selected}>
              Continue
            </Button>
          </div>
        </form>
      ) : (
        <VendorForm
          defaultValues={emptyVendor}
          submitLabel="Add to catalog and continue"
          onSubmit={createVendor}
          onDirtyChange={dirtyChange}
        />
      )}
    </div>
  );
}

function LinkStep({
  practiceId,
  chosen,
  onBack,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  chosen: Chosen;
  onBack: () => void;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const link = useMutation(trpc.vendors.link.mutationOptions());
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function save(values: LinkFields): Promise<LinkSaveOutcome> {
    setProblem(null);
    try {
      await link.mutateAsync({ ...values, practiceId, vendorId: chosen.id });
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: trpc.vendors.forPractice.queryKey({ practiceId }),
        }),
        queryClient.invalidateQueries({ queryKey: trpc.vendors.list.queryKey() }),
      ]);
      toast.success(`${chosen.name} added to the practice`);
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      setProblem(callProblem(error, "Could not add the vendor. Try again.").message);
      return { saved: false };
    }
  }

  return (
    <div className="space-y-4">
      {!chosen.fromCatalog && (
        <Alert tone="success">
          {chosen.name} is in your catalog. Now add this practice&apos;s account number and who to
          call.
        </Alert>
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      <LinkForm
        defaultValues={emptyLink}
        submitLabel="Add to practice"
        onSubmit={save}
        onDirtyChange={dirtyChange}
        secondaryAction={
          chosen.fromCatalog ? (
            <Button variant="ghost" onClick={onBack}>
              <ArrowLeft aria-hidden className="size-4" /> Choose another vendor
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}
