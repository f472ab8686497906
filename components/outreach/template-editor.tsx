"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Building2, CircleDot, Package, RotateCcw, Save, Store } from "lucide-react";
import { useRef, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";
import {
  outreachKindLabels,
  outreachKinds,
  outreachLanguageLabels,
  outreachLanguages,
  outreachVariables,
  type OutreachKind,
  type OutreachLanguage,
  type OutreachVariable,
} from "@/server/contracts/outreach-kinds";
import { TEMPLATE_VISIT_TYPE_MAX } from "@/server/contracts/outreach-templates";
import {
  checkSubject,
  checkTemplate,
  renderTemplate,
  sameVisitType,
  sampleValues,
  smsSegments,
  TEMPLATE_BODY_MAX,
  type TemplateSource,
} from "@/server/domain/outreach-templates";
import type { AppRouter } from "@/server/routers/_app";
import { SmsCounter } from "./sms-counter";

type TemplateList = inferRouterOutputs<AppRouter>["outreachTemplates"]["list"];
type TemplateEntry = TemplateList["entries"][number];

export type TemplateSelection = {
  kind: OutreachKind;
  language: OutreachLanguage;
  visitType: string;
};

const variableLabels: Record<OutreachVariable, string> = {
  first_name: "first name",
  date_time: "date and time",
  site_name: "site name",
  site_address: "site address",
  provider_name: "provider",
  practice_phone: "practice phone",
};

const sourceBadges: Record<TemplateSource, { label: string; icon: typeof Package; tone: string }> =
  {
    "built-in": {
      label: "Built-in",
      icon: Package,
      tone: "border-slate-300 bg-slate-50 text-slate-700",
    },
    msp: { label: "MSP", icon: Building2, tone: "border-sky-300 bg-sky-50 text-sky-900" },
    practice: {
      label: "This practice",
      icon: Store,
      tone: "border-emerald-300 bg-emerald-50 text-emerald-900",
    },
  };

function SourceBadge({ source }: { source: TemplateSource }) {
  const { label, icon: Icon, tone } = sourceBadges[source];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${tone}`}
    >
      <Icon aria-hidden className="size-3.5" />
      {label}
    </span>
  );
}

const sourceWords: Record<TemplateSource, string> = {
  "built-in": "Standby's built-in text",
  msp: "the MSP's text",
  practice: "this practice's own text",
};

const keyOf = (selection: TemplateSelection) =>
  `${selection.kind}|${selection.language}|${selection.visitType.trim().toLowerCase()}`;

/** The list's entry for the selection; instructions for a visit type without any yet start from the generic ones. */
function entryFor(list: TemplateList, selection: TemplateSelection): TemplateEntry {
  const find = (visitType: string) =>
    list.entries.find(
      (entry) =>
        entry.kind === selection.kind &&
        entry.language === selection.language &&
        sameVisitType(entry.visitType, visitType),
    );
  const found = find(selection.kind === "instructions" ? selection.visitType : "");
  if (found) return found;
  const generic = find("")!;
  return {
    ...generic,
    visitType: selection.visitType.trim(),
    fromGenericInstructions: true,
    own: null,
    inherited: { subject: generic.subject, body: generic.body, source: generic.source },
  };
}

type Draft = { subject: string; body: string; version: number };

/** The visit type select's "Another visit type…" (visit types are trimmed: none starts with a space). */
const NEW_VISIT_TYPE = " new";

const resetLabels: Record<TemplateSource, string> = {
  "built-in": "Reset to the built-in text",
  msp: "Reset to the MSP's text",
  practice: "Reset to this practice's text",
};

/**
 * The message texts of one level — the MSP's (practiceId omitted) or one practice's — with an editor:
 * variables inserted at the caret, the checker's message beside the field as one types, the SMS
 * length and segments of the text with sample values, a preview, save with the version read, and
 * reset to the next level's text.
 */
export function OutreachTemplateEditor({
  practiceId,
  canEdit,
  readOnlyReason,
  initial,
}: {
  practiceId?: string;
  canEdit: boolean;
  readOnlyReason?: string;
  initial: TemplateSelection;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const listOptions = trpc.outreachTemplates.list.queryOptions(practiceId ? { practiceId } : {});
  const { data: list } = useSuspenseQuery(listOptions);
  const [selection, setSelection] = useState<TemplateSelection>(initial);
  const [addingVisitType, setAddingVisitType] = useState(
    initial.kind === "instructions" &&
      initial.visitType !== "" &&
      !list.visitTypes.some((known) => sameVisitType(known, initial.visitType)),
  );
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const save = useMutation(trpc.outreachTemplates.save.mutationOptions());
  const reset = useMutation(trpc.outreachTemplates.reset.mutationOptions());

  const entry = entryFor(list, selection);
  const key = keyOf(selection);
  const draft = drafts[key];
  const subject = draft?.subject ?? entry.subject;
  const text = draft?.body ?? entry.body;
  const version = draft?.version ?? entry.own?.version ?? 0;
  const dirty = Boolean(draft) && (draft!.subject !== entry.subject || draft!.body !== entry.body);
  const anyDirty = Object.keys(drafts).length > 0;
  useUnsavedWarning(anyDirty);

  const bodyCheck = checkTemplate(text);
  const subjectCheck = checkSubject(subject);
  const values = sampleValues[selection.language];
  const rendered = bodyCheck.ok ? renderTemplate(text, values) : null;
  const renderedSubject = subjectCheck.ok ? renderTemplate(subject, values) : null;
  const sms = smsSegments(rendered ?? "");
  const serverErrors = {
    body: problem?.fieldErrors.body?.[0],
    subject: problem?.fieldErrors.subject?.[0],
  };
  const bodyError = !bodyCheck.ok ? bodyCheck.message : serverErrors.body;
  const subjectError = !subjectCheck.ok ? subjectCheck.message : serverErrors.subject;
  const visitTypeMissing =
    selection.kind === "instructions" && addingVisitType && selection.visitType.trim() === "";
  const level = practiceId ? "this practice" : "every practice of the MSP";
  const nextLevel = entry.inherited.source;

  function choose(next: Partial<TemplateSelection>) {
    const chosen = { ...selection, ...next };
    if (chosen.kind !== "instructions") chosen.visitType = "";
    setSelection(chosen);
    setProblem(null);
    const params = new URLSearchParams({ kind: chosen.kind, language: chosen.language });
    if (chosen.visitType) params.set("visitType", chosen.visitType);
    window.history.replaceState(null, "", `?${params.toString()}`);
  }

  function edit(change: Partial<Draft>) {
    setProblem(null);
    setDrafts((all) => {
      const next = { subject, body: text, version, ...change };
      if (next.subject === entry.subject && next.body === entry.body) {
        const { [key]: _dropped, ...rest } = all;
        return rest;
      }
      return { ...all, [key]: next };
    });
  }

  function insertVariable(name: OutreachVariable) {
    const area = body.current;
    const token = `{${name}}`;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    edit({ body: text.slice(0, start) + token + text.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  async function settle(forKey: string) {
    await queryClient.refetchQueries({ queryKey: listOptions.queryKey });
    setDrafts((all) => {
      const { [forKey]: _dropped, ...rest } = all;
      return rest;
    });
  }

  async function onSave() {
    setProblem(null);
    try {
      await save.mutateAsync({
        practiceId: practiceId ?? null,
        kind: selection.kind,
        language: selection.language,
        visitType: entry.visitType,
        subject,
        body: text,
        version,
      });
      await settle(key);
      // A visit type just given instructions is one of the list's now.
      setAddingVisitType(false);
      toast.success("Text saved", {
        description: `${outreachLanguageLabels[selection.language]} “${outreachKindLabels[selection.kind]}” for ${level}.`,
      });
    } catch (error) {
      setProblem(callProblem(error));
    }
  }

  async function onReset() {
    if (!entry.own) return;
    setProblem(null);
    try {
      await reset.mutateAsync({
        practiceId: practiceId ?? null,
        kind: selection.kind,
        language: selection.language,
        visitType: entry.visitType,
        version: entry.own.version,
      });
      await settle(key);
      toast.success(`Back to ${sourceWords[nextLevel]}`);
    } catch (error) {
      setProblem(callProblem(error, "Could not reset. Try again."));
    }
  }

  async function loadLatest() {
    await settle(key);
    setProblem(null);
  }

  const selectClass =
    "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 min-h-10";

  return (
    <div className="space-y-6">
      <section
        aria-labelledby="template-choice"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="template-choice" className="sr-only">
          Which message
        </h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor="template-kind" className="block text-sm font-medium text-slate-800">
              Message
            </label>
            <select
              id="template-kind"
              className={selectClass}
              value={selection.kind}
              onChange={(event) => choose({ kind: event.target.value as OutreachKind })}
            >
              {outreachKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {outreachKindLabels[kind]}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="template-language" className="block text-sm font-medium text-slate-800">
              Language
            </label>
            <select
              id="template-language"
              className={selectClass}
              value={selection.language}
              onChange={(event) => choose({ language: event.target.value as OutreachLanguage })}
            >
              {outreachLanguages.map((language) => (
                <option key={language} value={language}>
                  {outreachLanguageLabels[language]}
                </option>
              ))}
            </select>
          </div>
          {selection.kind === "instructions" && (
            <div className="space-y-1">
              <label
                htmlFor="template-visit-type"
                className="block text-sm font-medium text-slate-800"
              >
                Visit type
              </label>
              <select
                id="template-visit-type"
                className={selectClass}
                value={addingVisitType ? NEW_VISIT_TYPE : selection.visitType}
                onChange={(event) => {
                  const value = event.target.value;
                  setAddingVisitType(value === NEW_VISIT_TYPE);
                  choose({ visitType: value === NEW_VISIT_TYPE ? "" : value });
                }}
              >
                <option value="">Every visit type</option>
                {list.visitTypes.map((visitType) => (
                  <option key={visitType} value={visitType}>
                    {visitType}
                  </option>
                ))}
                {canEdit && <option value={NEW_VISIT_TYPE}>Another visit type…</option>}
              </select>
            </div>
          )}
        </div>
        {selection.kind === "instructions" && addingVisitType && (
          <div className="mt-3 max-w-md space-y-1">
            <label
              htmlFor="template-new-visit-type"
              className="block text-sm font-medium text-slate-800"
            >
              New visit type
            </label>
            <input
              id="template-new-visit-type"
              className={selectClass}
              value={selection.visitType}
              maxLength={TEMPLATE_VISIT_TYPE_MAX}
              aria-describedby="template-new-visit-type-hint"
              onChange={(event) => {
                // The text being written goes with the visit type being named.
                const moved = drafts[key];
                const visitType = event.target.value;
                if (moved)
                  setDrafts(({ [key]: _moved, ...rest }) => ({
                    ...rest,
                    [keyOf({ ...selection, visitType })]: moved,
                  }));
                choose({ visitType });
              }}
            />
            <p id="template-new-visit-type-hint" className="text-xs text-slate-500">
              As the schedule names it (for example “Annual physical”); case does not matter.
            </p>
          </div>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section
          aria-labelledby="template-text-heading"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="template-text-heading" className="text-base font-semibold">
              {outreachKindLabels[selection.kind]} · {outreachLanguageLabels[selection.language]}
              {entry.visitType ? ` · ${entry.visitType}` : ""}
            </h2>
            <span className="flex items-center gap-2" data-testid="template-source">
              <span className="sr-only">Text in use:</span>
              <SourceBadge source={entry.source} />
            </span>
          </div>
          <p className="text-sm text-slate-600">
            {describeSource(entry, Boolean(practiceId))}
            {entry.own && ` Version ${entry.own.version}, saved by ${entry.own.updatedByName}.`}
          </p>
          {!canEdit && readOnlyReason && <Alert>{readOnlyReason}</Alert>}

          <div className="space-y-1">
            <label htmlFor="template-subject" className="block text-sm font-medium text-slate-800">
              Email subject
            </label>
            <input
              id="template-subject"
              className={`${selectClass} aria-[invalid=true]:border-red-600`}
              value={subject}
              readOnly={!canEdit}
              aria-invalid={Boolean(subjectError)}
              aria-describedby={subjectError ? "template-subject-error" : undefined}
              onChange={(event) => edit({ subject: event.target.value })}
            />
            {subjectError && (
              <p id="template-subject-error" className="text-sm text-red-700" aria-live="polite">
                {subjectError}
              </p>
            )}
          </div>

          <div className="space-y-2">
            <label htmlFor="template-body" className="block text-sm font-medium text-slate-800">
              Message (SMS and email)
            </label>
            {canEdit && (
              <div role="group" aria-label="Insert a variable" className="flex flex-wrap gap-1.5">
                {outreachVariables.map((name) => (
                  <button
                    key={name}
                    type="button"
                    onClick={() => insertVariable(name)}
                    disabled={!hydrated}
                    aria-label={`Insert ${variableLabels[name]}`}
                    className="rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 hover:bg-slate-100 disabled:opacity-60 min-h-8"
                  >
                    {`{${name}}`}
                  </button>
                ))}
              </div>
            )}
            <textarea
              id="template-body"
              ref={body}
              rows={6}
              className={`${selectClass} font-mono leading-relaxed aria-[invalid=true]:border-red-600`}
              value={text}
              readOnly={!canEdit}
              aria-invalid={Boolean(bodyError)}
              aria-describedby={`template-body-count${bodyError ? " template-body-error" : ""}`}
              onChange={(event) => edit({ body: event.target.value })}
            />
            {bodyError && (
              <p id="template-body-error" className="text-sm text-red-700" aria-live="polite">
                {bodyError}
              </p>
            )}
            <p id="template-body-count" className="text-xs text-slate-500">
              {text.length.toLocaleString("en-US")} of {TEMPLATE_BODY_MAX.toLocaleString("en-US")}{" "}
              characters in the template. Only the variables above may be used: the minimum a
              patient needs.
            </p>
          </div>

          {problem && !serverErrors.body && !serverErrors.subject && (
            <Alert tone="error">
              <p>{problem.message}</p>
              {problem.code === "CONFLICT" && (
                <Button variant="secondary" className="mt-2" onClick={() => void loadLatest()}>
                  Discard my edits and load the latest text
                </Button>
              )}
            </Alert>
          )}

          {canEdit && (
            <div className="flex flex-col gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:items-center sm:justify-end">
              {dirty && (
                <p className="flex items-center gap-1.5 text-sm text-amber-800 sm:mr-auto">
                  <CircleDot aria-hidden className="size-4" /> Unsaved changes
                </p>
              )}
              {entry.own && (
                <ConfirmButton
                  label={
                    <>
                      <RotateCcw aria-hidden className="size-4" /> {resetLabels[nextLevel]}
                    </>
                  }
                  title="Reset this text?"
                  confirmLabel="Reset"
                  disabled={!hydrated || reset.isPending}
                  onConfirm={() => void onReset()}
                >
                  <p>
                    {practiceId ? "This practice's" : "The MSP's"} own{" "}
                    {outreachLanguageLabels[selection.language]} “
                    {outreachKindLabels[selection.kind]}” text is removed. Patients then get{" "}
                    {sourceWords[nextLevel]}:
                  </p>
                  <p className="mt-2 whitespace-pre-wrap rounded-md bg-slate-50 p-2 font-mono text-xs">
                    {entry.inherited.body}
                  </p>
                </ConfirmButton>
              )}
              <Button
                onClick={() => void onSave()}
                disabled={
                  !hydrated ||
                  save.isPending ||
                  !bodyCheck.ok ||
                  !subjectCheck.ok ||
                  visitTypeMissing ||
                  !dirty
                }
              >
                <Save aria-hidden className="size-4" />
                {save.isPending ? "Saving…" : `Save for ${level}`}
              </Button>
            </div>
          )}
        </section>

        <section
          aria-labelledby="template-preview-heading"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
        >
          <div>
            <h2 id="template-preview-heading" className="text-base font-semibold">
              Preview
            </h2>
            <p className="text-xs text-slate-500">
              With invented values (Maria, Dr. Rao, Main office…). Real names and dates change the
              length.
            </p>
          </div>
          <SmsCounter sms={sms} />
          {rendered === null ? (
            <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
              Fix the message to see the preview.
            </p>
          ) : (
            <PreviewBlock title="SMS">
              <p
                className="whitespace-pre-wrap rounded-2xl rounded-bl-sm bg-slate-100 px-3 py-2 text-sm text-slate-900"
                data-testid="sms-preview"
              >
                {rendered}
              </p>
            </PreviewBlock>
          )}
          {rendered !== null && renderedSubject !== null && (
            <PreviewBlock title="Email">
              <div className="rounded-md border border-slate-200 text-sm">
                <p className="border-b border-slate-200 px-3 py-2 font-medium">{renderedSubject}</p>
                <p className="whitespace-pre-wrap px-3 py-2 text-slate-800">{rendered}</p>
              </div>
            </PreviewBlock>
          )}
        </section>
      </div>

      <Overview
        list={list}
        selection={selection}
        unsaved={new Set(Object.keys(drafts))}
        onChoose={(chosen) => {
          setAddingVisitType(false);
          choose(chosen);
        }}
      />
    </div>
  );
}

function describeSource(entry: TemplateEntry, atPractice: boolean): string {
  if (entry.source === "practice")
    return entry.fromGenericInstructions
      ? "Patients of this practice get its own instructions for every visit type. Save to write some for this visit type."
      : "Patients of this practice get its own text.";
  if (entry.source === "msp")
    return atPractice
      ? "Patients get the MSP's text, the same at every practice that has none of its own. Save to write this practice's own."
      : entry.fromGenericInstructions
        ? "Patients get the MSP's instructions for every visit type. Save to write some for this visit type."
        : "Every practice without a text of its own sends this one.";
  return atPractice
    ? "Patients get Standby's built-in text. Save to write this practice's own."
    : "Every practice without a text of its own sends Standby's built-in text. Save to write the MSP's own.";
}

function PreviewBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </div>
  );
}

/** Every message at a glance, each language with where its text comes from; choosing one opens it above. */
function Overview({
  list,
  selection,
  unsaved,
  onChoose,
}: {
  list: TemplateList;
  selection: TemplateSelection;
  unsaved: Set<string>;
  onChoose: (selection: TemplateSelection) => void;
}) {
  const rows = outreachKinds.flatMap((kind) =>
    (kind === "instructions" ? ["", ...list.visitTypes] : [""]).map((visitType) => ({
      kind,
      visitType,
    })),
  );
  return (
    <section
      aria-labelledby="template-overview"
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id="template-overview" className="mb-3 text-base font-semibold">
        All messages
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                Message
              </th>
              {outreachLanguages.map((language) => (
                <th key={language} scope="col" className="px-2 py-2 font-medium">
                  {outreachLanguageLabels[language]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ kind, visitType }) => (
              <tr key={`${kind}|${visitType}`} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-800">
                  {outreachKindLabels[kind]}
                  {visitType && <span className="text-slate-500"> · {visitType}</span>}
                </th>
                {outreachLanguages.map((language) => {
                  const choice = { kind, language, visitType };
                  const item = entryFor(list, choice);
                  const current = keyOf(choice) === keyOf(selection);
                  return (
                    <td key={language} className="px-2 py-1.5">
                      <button
                        type="button"
                        aria-pressed={current}
                        aria-label={`${outreachKindLabels[kind]}${visitType ? `, ${visitType}` : ""}, ${outreachLanguageLabels[language]}: ${sourceBadges[item.source].label}${unsaved.has(keyOf(choice)) ? ", unsaved changes" : ""}`}
                        onClick={() => onChoose(choice)}
                        className={`inline-flex min-h-9 items-center gap-1.5 rounded-md px-1.5 py-1 ${current ? "bg-brand-50 ring-2 ring-brand-600" : "hover:bg-slate-100"}`}
                      >
                        <SourceBadge source={item.source} />
                        {unsaved.has(keyOf(choice)) && (
                          <CircleDot aria-hidden className="size-3.5 text-amber-700" />
                        )}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
