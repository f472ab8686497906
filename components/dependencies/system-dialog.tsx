"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { SaveProblem } from "@/components/ui/save-problem";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { SystemFields } from "@/server/contracts/dependencies";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { Modal } from "@/components/ui/modal";
import { emptySystem, SystemForm, type SaveOutcome } from "./system-form";
import { SystemLinks } from "./system-links";
import { categoryOf, type MapSystem, type SiteOption } from "./types";

export type EditTarget =
  { mode: "new" } | { mode: "edit"; systemId: string; justCreated?: boolean };

const formFields = [
  "name",
  "category",
  "criticality",
  "owner",
  "vendorId",
  "siteId",
  "notes",
] as const;

export const fieldsOf = (system: MapSystem): SystemFields => ({
  name: system.name,
  category: categoryOf(system.category),
  criticality: system.criticality,
  owner: system.owner,
  vendorId: system.vendorId,
  siteId: system.siteId,
  notes: system.notes,
});

/** Adding or editing one system: its details (saved with the version read), its links, and deleting it. */
export function SystemDialog({
  practiceId,
  target,
  onTargetChange,
  systems,
  sites,
}: {
  practiceId: string;
  target: EditTarget | null;
  onTargetChange: (target: EditTarget | null) => void;
  systems: MapSystem[];
  sites: SiteOption[];
}) {
  const trpc = useTRPC();
  const open = target !== null;
  const [dirty, setDirty] = useState(false);
  const catalog = useQuery({ ...trpc.vendors.list.queryOptions({ pageSize: 200 }), enabled: open });
  const practiceVendors = useQuery({
    ...trpc.vendors.forPractice.queryOptions({ practiceId }),
    enabled: open,
  });
  const system =
    target?.mode === "edit" ? systems.find((item) => item.id === target.systemId) : undefined;
  const title = target?.mode === "edit" ? `Edit ${system?.name ?? "system"}` : "Add a system";
  const close = () => {
    setDirty(false);
    onTargetChange(null);
  };

  return (
    <Modal
      open={open}
      title={title}
      size="lg"
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
      description={
        target?.mode === "new" ? "Add it first; then draw what it depends on." : undefined
      }
    >
      {target?.mode === "edit" && !system ? (
        <Alert tone="error">
          This system is no longer on the map; someone may have deleted it. Close this and check the
          map.
        </Alert>
      ) : (
        target && (
          <SystemEditor
            key={target.mode === "edit" ? target.systemId : "new"}
            practiceId={practiceId}
            system={system}
            justCreated={target.mode === "edit" && Boolean(target.justCreated)}
            systems={systems}
            sites={sites}
            catalogVendors={catalog.data?.items ?? []}
            practiceVendors={(practiceVendors.data ?? []).map((link) => ({
              id: link.vendorId,
              name: link.name,
            }))}
            vendorsLoading={catalog.isPending}
            onDirtyChange={setDirty}
            onCreated={(systemId) => onTargetChange({ mode: "edit", systemId, justCreated: true })}
            onDeleted={close}
          />
        )
      )}
    </Modal>
  );
}

function SystemEditor({
  practiceId,
  system,
  justCreated,
  systems,
  sites,
  catalogVendors,
  practiceVendors,
  vendorsLoading,
  onDirtyChange,
  onCreated,
  onDeleted,
}: {
  practiceId: string;
  system?: MapSystem;
  justCreated: boolean;
  systems: MapSystem[];
  sites: SiteOption[];
  catalogVendors: { id: string; name: string }[];
  practiceVendors: { id: string; name: string }[];
  vendorsLoading: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onCreated: (systemId: string) => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(system?.version ?? 0);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<SystemFields>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.dependencies.pathKey() });
  const create = useMutation(trpc.dependencies.createSystem.mutationOptions());
  const update = useMutation(trpc.dependencies.updateSystem.mutationOptions());
  const remove = useMutation(
    trpc.dependencies.deleteSystem.mutationOptions({
      onSuccess: async () => {
        onDirtyChange(false);
        onDeleted();
        await refresh();
        toast.success(`${system?.name ?? "The system"} deleted`);
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not delete it. Try again.").message);
      },
    }),
  );
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function save(values: SystemFields): Promise<SaveOutcome> {
    setProblem(null);
    try {
      if (system) {
        const result = await update.mutateAsync({
          ...values,
          practiceId,
          systemId: system.id,
          version,
        });
        setVersion(result.version);
        await refresh();
        toast.success(`${values.name} saved`);
      } else {
        const created = await create.mutateAsync({ ...values, practiceId });
        await refresh();
        toast.success(`${values.name} added`);
        onDirtyChange(false);
        onCreated(created.id);
      }
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, formFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  async function loadLatest() {
    if (!system) return;
    const latest = await queryClient.fetchQuery({
      ...trpc.dependencies.map.queryOptions({ practiceId }),
      staleTime: 0,
    });
    const current = latest.systems.find((item) => item.id === system.id);
    if (!current) {
      setProblem({
        message: "This system has been deleted by someone else. Close this and check the map.",
        fieldErrors: {},
      });
      return;
    }
    setVersion(current.version);
    setResetTo(fieldsOf(current));
    setProblem(null);
  }

  const dependents = system
    ? systems.filter((item) => item.dependsOn.includes(system.id)).length
    : 0;

  return (
    <div className="space-y-5">
      {justCreated && system && (
        <Alert tone="success">
          {system.name} is on the map. Now add what it depends on, below, or close this.
        </Alert>
      )}
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <section aria-label="Details">
        {system && <h3 className="mb-3 text-base font-semibold">Details</h3>}
        <SystemForm
          defaultValues={system ? fieldsOf(system) : emptySystem}
          resetTo={resetTo}
          sites={sites}
          catalogVendors={catalogVendors}
          practiceVendors={practiceVendors}
          vendorsLoading={vendorsLoading}
          submitLabel={system ? "Save details" : "Add system"}
          onSubmit={save}
          onDirtyChange={dirtyChange}
        />
      </section>
      {system && (
        <>
          <section aria-label="Links" className="border-t border-slate-200 pt-4">
            <h3 className="text-base font-semibold">Links</h3>
            <p className="mb-3 text-xs text-slate-500">
              Links are saved as soon as you add or remove them.
            </p>
            <SystemLinks practiceId={practiceId} system={system} systems={systems} canWrite />
          </section>
          <section
            aria-label="Delete"
            className="flex flex-col gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:items-center sm:justify-between"
          >
            <p className="text-sm text-slate-600">
              Deleting removes {system.name} and all its links from the map.
            </p>
            <ConfirmButton
              label={
                <>
                  <Trash2 aria-hidden className="size-4" /> Delete system
                </>
              }
              title={`Delete ${system.name}?`}
              confirmLabel="Delete system"
              disabled={remove.isPending}
              onConfirm={() => remove.mutate({ practiceId, systemId: system.id })}
            >
              {system.name} leaves the map with its{" "}
              {system.dependsOn.length + dependents + system.redundantWith.length} link(s)
              {dependents > 0
                ? `; the ${dependents} system(s) that depend on it lose that link`
                : ""}
              . This cannot be undone.
            </ConfirmButton>
          </section>
        </>
      )}
    </div>
  );
}
