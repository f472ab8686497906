"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftRight, Link2, Plus, Unlink } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { callProblem } from "@/components/trpc/call-problem";
import { CriticalityBadge } from "./criticality";
import type { MapSystem } from "./types";

const byName = (a: MapSystem, b: MapSystem) => a.name.localeCompare(b.name);

/** The links of one system: what it depends on, what can stand in for it, and what needs it. Saved as soon as they change. */
export function SystemLinks({
  practiceId,
  system,
  systems,
  canWrite,
}: {
  practiceId: string;
  system: MapSystem;
  systems: MapSystem[];
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.dependencies.pathKey() });
  const byId = new Map(systems.map((item) => [item.id, item]));
  const pick = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []).sort(byName);
  const dependsOn = pick(system.dependsOn);
  const redundantWith = pick(system.redundantWith);
  const neededBy = systems.filter((item) => item.dependsOn.includes(system.id)).sort(byName);
  const others = systems.filter((item) => item.id !== system.id).sort(byName);

  const addDependency = useMutation(trpc.dependencies.addDependency.mutationOptions());
  const removeDependency = useMutation(trpc.dependencies.removeDependency.mutationOptions());
  const addRedundancy = useMutation(trpc.dependencies.addRedundancy.mutationOptions());
  const removeRedundancy = useMutation(trpc.dependencies.removeRedundancy.mutationOptions());

  async function linkDependency(dependsOnId: string): Promise<string | null> {
    try {
      await addDependency.mutateAsync({ practiceId, systemId: system.id, dependsOnId });
      await refresh();
      toast.success(`${system.name} now depends on ${byId.get(dependsOnId)?.name ?? "it"}`);
      return null;
    } catch (error) {
      return callProblem(error, "Could not add the link. Try again.").message;
    }
  }

  async function unlinkDependency(other: MapSystem) {
    try {
      await removeDependency.mutateAsync({
        practiceId,
        systemId: system.id,
        dependsOnId: other.id,
      });
      await refresh();
      toast.success(`${system.name} no longer depends on ${other.name}`, {
        action: {
          label: "Undo",
          onClick: () =>
            void linkDependency(other.id).then((message) => message && toast.error(message)),
        },
      });
    } catch (error) {
      toast.error(callProblem(error, "Could not remove the link. Try again.").message);
    }
  }

  async function linkRedundancy(otherId: string): Promise<string | null> {
    try {
      await addRedundancy.mutateAsync({ practiceId, systemId: system.id, otherId });
      await refresh();
      toast.success(`${byId.get(otherId)?.name ?? "It"} can now stand in for ${system.name}`);
      return null;
    } catch (error) {
      return callProblem(error, "Could not mark them redundant. Try again.").message;
    }
  }

  async function unlinkRedundancy(other: MapSystem) {
    try {
      await removeRedundancy.mutateAsync({ practiceId, systemId: system.id, otherId: other.id });
      await refresh();
      toast.success(`${other.name} no longer stands in for ${system.name}`, {
        action: {
          label: "Undo",
          onClick: () =>
            void linkRedundancy(other.id).then((message) => message && toast.error(message)),
        },
      });
    } catch (error) {
      toast.error(callProblem(error, "Could not remove the redundancy. Try again.").message);
    }
  }

  return (
    <div className="space-y-4">
      <LinkGroup
        title="Depends on"
        icon={<Link2 aria-hidden className="size-4" />}
        hint={`If one of these fails, ${system.name} can stop.`}
        empty="Nothing yet."
        items={dependsOn}
        removeLabel={(other) => `Remove link: ${system.name} depends on ${other.name}`}
        onRemove={canWrite ? unlinkDependency : undefined}
        add={
          canWrite
            ? {
                label: "Add a system it depends on",
                button: "Add link",
                options: others.filter((item) => !system.dependsOn.includes(item.id)),
                onAdd: linkDependency,
              }
            : undefined
        }
      />
      <LinkGroup
        title="Redundant with"
        icon={<ArrowLeftRight aria-hidden className="size-4" />}
        hint={`Systems that can do ${system.name}'s job while it is down, e.g. a second internet circuit.`}
        empty="No stand-in."
        items={redundantWith}
        removeLabel={(other) => `Remove redundancy between ${system.name} and ${other.name}`}
        onRemove={canWrite ? unlinkRedundancy : undefined}
        add={
          canWrite
            ? {
                label: "Add a system that can stand in for it",
                button: "Mark redundant",
                options: others.filter((item) => !system.redundantWith.includes(item.id)),
                onAdd: linkRedundancy,
              }
            : undefined
        }
      />
      <section aria-label="Needed by" className="rounded-md border border-slate-200 p-3">
        <h3 className="text-sm font-semibold">Needed by</h3>
        <p className="text-xs text-slate-500">
          These depend on {system.name} directly. Change them from their own Edit.
        </p>
        {neededBy.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing depends on it directly.</p>
        ) : (
          <ul className="mt-2 flex flex-wrap gap-2">
            {neededBy.map((item) => (
              <li
                key={item.id}
                className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 px-2 py-1 text-sm"
              >
                {item.name} <CriticalityBadge criticality={item.criticality} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function LinkGroup({
  title,
  icon,
  hint,
  empty,
  items,
  removeLabel,
  onRemove,
  add,
}: {
  title: string;
  icon: ReactNode;
  hint: string;
  empty: string;
  items: MapSystem[];
  removeLabel: (other: MapSystem) => string;
  onRemove?: (other: MapSystem) => Promise<void>;
  add?: {
    label: string;
    button: string;
    options: MapSystem[];
    onAdd: (id: string) => Promise<string | null>;
  };
}) {
  const selectId = useId();
  const [choice, setChoice] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = add?.options.some((option) => option.id === choice) ? choice : "";

  return (
    <section aria-label={title} className="rounded-md border border-slate-200 p-3">
      <h3 className="flex items-center gap-1.5 text-sm font-semibold">
        {icon}
        {title}
      </h3>
      <p className="text-xs text-slate-500">{hint}</p>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2">
          {items.map((item) => (
            <li
              key={item.id}
              className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 py-0.5 pl-2 pr-0.5 text-sm"
            >
              {item.name} <CriticalityBadge criticality={item.criticality} />
              {onRemove && (
                <button
                  type="button"
                  className="rounded p-1.5 text-slate-600 hover:bg-slate-200 hover:text-red-800"
                  aria-label={removeLabel(item)}
                  title={removeLabel(item)}
                  onClick={() => void onRemove(item)}
                >
                  <Unlink aria-hidden className="size-4" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {add && (
        <form
          className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!chosen) {
              setProblem("Choose a system first.");
              return;
            }
            setBusy(true);
            const message = await add.onAdd(chosen);
            setBusy(false);
            setProblem(message);
            if (!message) setChoice("");
          }}
        >
          <div className="flex-1 space-y-1">
            <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
              {add.label}
            </label>
            <select
              id={selectId}
              value={chosen}
              onChange={(event) => {
                setChoice(event.target.value);
                setProblem(null);
              }}
              disabled={add.options.length === 0}
              className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              <option value="">
                {add.options.length === 0 ? "No other systems to choose" : "Choose a system"}
              </option>
              {add.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={busy || add.options.length === 0}>
            <Plus aria-hidden className="size-4" />
            {busy ? "Adding…" : add.button}
          </Button>
        </form>
      )}
      {problem && (
        <div className="mt-2">
          <Alert tone="error">{problem}</Alert>
        </div>
      )}
    </section>
  );
}
