"use client";

import { Pencil } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  sectionKeys,
  sectionTitles,
  type PlanContent,
  type SectionKey,
} from "@/server/contracts/plans";
import { formatMoment } from "@/components/ui/format";
import { SectionEditor } from "./section-editor";
import { SectionView } from "./section-view";
import { CallMsp } from "@/components/layout/call-msp";
import { useHydrated } from "@/components/ui/use-hydrated";

export type SectionState = {
  content: PlanContent[SectionKey];
  version: number;
  updatedByName: string | null;
  updatedAt: Date | null;
};

/** Sections the MSP's template fills until a practice saves its own version. */
const templated = new Set<SectionKey>([
  "triage",
  "frontDeskScript",
  "reconciliation",
  "tiers",
  "maintenancePrep",
  "officePreparation",
]);

/** The plan's sections, each read-only with an Edit button that opens its form in place. */
export function PlanSections({
  practiceId,
  sections,
  canEdit,
  timeZone,
}: {
  practiceId: string;
  sections: Record<SectionKey, SectionState>;
  canEdit: boolean;
  timeZone: string;
}) {
  return (
    <div className="space-y-4">
      {sectionKeys.map((key) => (
        <SectionCard
          key={key}
          practiceId={practiceId}
          section={key}
          state={sections[key]}
          canEdit={canEdit}
          timeZone={timeZone}
        />
      ))}
    </div>
  );
}

function SectionCard({
  practiceId,
  section,
  state,
  canEdit,
  timeZone,
}: {
  practiceId: string;
  section: SectionKey;
  state: SectionState;
  canEdit: boolean;
  timeZone: string;
}) {
  const [editing, setEditing] = useState(false);
  // What this person just saved, shown until the refreshed page brings it (or something newer).
  const [saved, setSaved] = useState<{
    content: PlanContent[SectionKey];
    version: number;
    at: Date;
  } | null>(null);
  const returnFocus = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const hydrated = useHydrated();
  const title = sectionTitles[section];
  const headingId = `section-${section}-title`;
  const current = saved && saved.version > state.version ? saved : null;
  const content = current?.content ?? state.content;
  const version = current?.version ?? state.version;

  // A link to "#edit-<section>" (the plan's list of what is still missing) opens this section's editor.
  useEffect(() => {
    if (!canEdit) return;
    const openFromHash = () => {
      if (window.location.hash !== `#edit-${section}`) return;
      setEditing(true);
      document.getElementById(section)?.scrollIntoView({ block: "start" });
    };
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
    return () => window.removeEventListener("hashchange", openFromHash);
  }, [canEdit, section]);

  // Closing the form gives the keyboard back to the section's Edit button.
  useEffect(() => {
    if (!editing && returnFocus.current) {
      editButton.current?.focus();
      returnFocus.current = false;
    }
  }, [editing]);

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  let meta: string;
  if (current) meta = `Saved by you at ${formatMoment(current.at, timeZone)}`;
  else if (state.version === 0)
    meta = templated.has(section)
      ? "From the MSP's template; not changed for this practice yet"
      : "Not filled in yet";
  else
    meta = `Last saved${state.updatedByName ? ` by ${state.updatedByName}` : ""}${state.updatedAt ? `, ${formatMoment(state.updatedAt, timeZone)}` : ""}`;

  return (
    <section
      id={section}
      aria-labelledby={headingId}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white"
    >
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-4 py-3 sm:px-5">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-xs text-slate-500">{editing ? "Editing" : meta}</p>
        </div>
        {canEdit && !editing && (
          <Button
            ref={editButton}
            variant="secondary"
            className="min-h-9 shrink-0 py-1.5"
            disabled={!hydrated}
            onClick={() => setEditing(true)}
          >
            <Pencil aria-hidden className="size-4" /> Edit<span className="sr-only"> {title}</span>
          </Button>
        )}
      </div>
      <div className="px-4 py-4 sm:px-5">
        {editing ? (
          <SectionEditor
            practiceId={practiceId}
            section={section}
            content={content}
            version={version}
            onSaved={(savedContent, savedVersion) => {
              setSaved({ content: savedContent, version: savedVersion, at: new Date() });
              close();
            }}
            onClose={close}
          />
        ) : (
          <>
            <SectionView section={section} content={content} />
            {/* An empty call tree still says who answers: the MSP's help desk. */}
            {section === "callTree" &&
              (content as PlanContent["callTree"]).entries.length === 0 && (
                <CallMsp className="mt-2 text-sm text-slate-800" />
              )}
          </>
        )}
      </div>
    </section>
  );
}
