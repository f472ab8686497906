"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { VendorFields } from "@/server/contracts/vendors";
import { vendorCategoryOf, type CatalogVendor } from "./types";
import { emptyVendor, VendorForm, type VendorSaveOutcome } from "./vendor-form";

export type VendorTarget = { mode: "new" } | { mode: "edit"; vendor: CatalogVendor };

const formFields = [
  "name",
  "category",
  "supportPhone",
  "portalUrl",
  "supportHours",
  "baaOnFile",
  "contractNotes",
] as const;

export const vendorFieldsOf = (vendor: CatalogVendor): VendorFields => ({
  name: vendor.name,
  category: vendorCategoryOf(vendor.category),
  supportPhone: vendor.supportPhone,
  portalUrl: vendor.portalUrl,
  supportHours: vendor.supportHours,
  baaOnFile: vendor.baaOnFile,
  contractNotes: vendor.contractNotes,
});

/** Creates a catalog vendor, or edits one with the version it was read at (a newer edit is a conflict, not an overwrite). */
export function VendorDialog({
  target,
  onClose,
}: {
  target: VendorTarget | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={target !== null}
      size="lg"
      title={target?.mode === "edit" ? `Edit ${target.vendor.name}` : "New catalog vendor"}
      description={
        target?.mode === "edit"
          ? "Changes apply to every practice that uses this vendor."
          : "Kept once for your MSP; link it to each practice on the practice's Vendors page."
      }
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {target && (
        <VendorEditor
          key={target.mode === "edit" ? target.vendor.id : "new"}
          vendor={target.mode === "edit" ? target.vendor : undefined}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function VendorEditor({
  vendor,
  onDirtyChange,
  onDone,
}: {
  vendor?: CatalogVendor;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(vendor?.version ?? 0);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<VendorFields>();
  const create = useMutation(trpc.vendors.create.mutationOptions());
  const update = useMutation(trpc.vendors.update.mutationOptions());
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function save(values: VendorFields): Promise<VendorSaveOutcome> {
    setProblem(null);
    try {
      if (vendor) {
        const result = await update.mutateAsync({ ...values, vendorId: vendor.id, version });
        setVersion(result.version);
        toast.success(`${values.name} saved`);
      } else {
        await create.mutateAsync(values);
        toast.success(`${values.name} added to your catalog`);
      }
      // Practices' vendor pages show catalog details too.
      await queryClient.invalidateQueries({ queryKey: trpc.vendors.pathKey() });
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, formFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  async function loadLatest() {
    if (!vendor) return;
    const latest = await queryClient.fetchQuery({
      ...trpc.vendors.list.queryOptions({ search: vendor.name, pageSize: 200 }),
      staleTime: 0,
    });
    const current = latest.items.find((item) => item.id === vendor.id);
    if (!current) {
      setProblem({
        message:
          "This vendor is no longer in your catalog (it may have been renamed or deleted). Close this and search again.",
        fieldErrors: {},
      });
      return;
    }
    setVersion(current.version);
    setResetTo(vendorFieldsOf(current));
    setProblem(null);
  }

  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <VendorForm
        defaultValues={vendor ? vendorFieldsOf(vendor) : emptyVendor}
        resetTo={resetTo}
        submitLabel={vendor ? "Save vendor" : "Add vendor"}
        onSubmit={save}
        onDirtyChange={dirtyChange}
      />
    </div>
  );
}
