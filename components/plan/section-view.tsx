import { CalendarClock, CheckCircle2, Mail, MonitorX, Phone } from "lucide-react";
import type { ReactNode } from "react";
import { minutesLabel } from "@/components/ui/format";
import {
  visitActionLabels,
  type Person,
  type PlanContent,
  type SectionKey,
} from "@/server/contracts/plans";
import { telHref } from "@/server/domain/phone-number";

/**
 * A plan section as plain, semantic HTML: no client JavaScript, so it works in server components,
 * inside client components, and in print.
 */
export function SectionView<K extends SectionKey>({
  section,
  content,
}: {
  section: K;
  content: PlanContent[K];
}) {
  const plan = { [section]: content } as unknown as PlanContent;
  switch (section) {
    case "outageOwner":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <PersonView label="Outage owner" person={plan.outageOwner.owner} />
          <PersonView label="Backup" person={plan.outageOwner.backup} />
        </div>
      );
    case "triage":
      return <Steps items={plan.triage.steps} empty="No triage steps yet." label="Triage steps" />;
    case "scheduleContinuity":
      return (
        <Fields
          rows={[
            ["How the schedule is printed or exported", plan.scheduleContinuity.scheduleExport],
            ["Check-in", plan.scheduleContinuity.checkIn],
            ["Phone routing", plan.scheduleContinuity.phoneRouting],
            [
              "Tracking of cancellations, arrivals and urgent messages",
              plan.scheduleContinuity.tracking,
            ],
          ]}
        />
      );
    case "visitRules":
      return plan.visitRules.rules.length === 0 ? (
        <Empty>No visit rules yet.</Empty>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Visit rules">
          {plan.visitRules.rules.map((rule, index) => (
            <li
              key={index}
              className="flex flex-col gap-1 py-2 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-3"
            >
              <span className="font-medium text-slate-900 sm:w-1/3">{rule.visitType}</span>
              <span className="sm:w-2/3">
                <VisitAction action={rule.action} />
                {rule.note && (
                  <span className="mt-0.5 block whitespace-pre-line text-slate-700">
                    {rule.note}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      );
    case "frontDeskScript":
      return (
        <div className="space-y-3 text-sm">
          <div>
            <h3 className="font-medium text-slate-600">What staff tell patients</h3>
            {plan.frontDeskScript.script.trim() ? (
              <blockquote className="mt-1 whitespace-pre-line border-l-4 border-brand-100 pl-3 text-slate-900">
                {plan.frontDeskScript.script}
              </blockquote>
            ) : (
              <Empty>No script yet.</Empty>
            )}
          </div>
          <Fields rows={[["Urgent messages", plan.frontDeskScript.urgentMessages]]} />
        </div>
      );
    case "providerWorkflow": {
      const workflow = plan.providerWorkflow;
      return (
        <Fields
          rows={[
            ["Notes", workflow.notes],
            ["Orders", workflow.orders],
            ["Labs", workflow.labs],
            ["Prescriptions", workflow.prescriptions],
            ["Referrals", workflow.referrals],
            ["Follow-up", workflow.followUp],
          ]}
        />
      );
    }
    case "reconciliation":
      return (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <PersonView label="Re-enters downtime work" person={plan.reconciliation.owner} />
            <PersonView label="Verifies the re-entry" person={plan.reconciliation.verifier} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-600">Steps</h3>
            <Steps
              items={plan.reconciliation.steps}
              empty="No reconciliation steps yet."
              label="Reconciliation steps"
            />
          </div>
        </div>
      );
    case "tiers":
      return (
        <div className="space-y-3 text-sm">
          <p>
            A short outage lasts up to{" "}
            <strong>{minutesLabel(plan.tiers.shortOutageMaxMinutes)}</strong>; anything longer is a
            long outage.
          </p>
          <Fields
            rows={[
              ["Short outage", plan.tiers.shortTier],
              ["Long outage", plan.tiers.longTier],
            ]}
          />
        </div>
      );
    case "maintenancePrep":
      return (
        <Steps
          items={plan.maintenancePrep.items}
          empty="The checklist is empty."
          label="Checklist for the day before"
        />
      );
    case "officePreparation": {
      const office = plan.officePreparation;
      return (
        <Fields
          rows={[
            ["Backup internet", office.backupInternet],
            ["UPS and surge protection", office.powerProtection],
            ["Second location", office.secondLocation],
            ["Paper forms", office.paperForms],
            [
              "Paper forms stocked for",
              `${office.paperFormsHours} hour${office.paperFormsHours === 1 ? "" : "s"} of visits`,
            ],
          ]}
        />
      );
    }
    case "callTree":
      return plan.callTree.entries.length === 0 ? (
        <Empty>The call tree is empty.</Empty>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Call tree">
          {plan.callTree.entries.map((entry, index) => (
            <li key={index} className="py-2 first:pt-0 last:pb-0">
              <span className="font-medium">{entry.caller}</span> calls{" "}
              <span className="font-medium">{entry.calls}</span>
              {entry.how && <span className="block text-slate-700">{entry.how}</span>}
            </li>
          ))}
        </ul>
      );
    default:
      return null;
  }
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm italic text-slate-500">{children}</p>;
}

function Steps({
  items,
  empty,
  label,
}: {
  items: { text: string }[];
  empty: string;
  label: string;
}) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ol className="list-decimal space-y-1 pl-6 text-sm marker:text-slate-500" aria-label={label}>
      {items.map((item, index) => (
        <li key={index} className="whitespace-pre-line pl-1">
          {item.text}
        </li>
      ))}
    </ol>
  );
}

function Fields({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(10rem,14rem)_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="whitespace-pre-line text-slate-900">
            {value.trim() ? value : <span className="italic text-slate-500">Not written yet</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PersonView({ label, person }: { label: string; person: Person }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2 text-sm">
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</h3>
      {person.name.trim() ? (
        <>
          <p className="font-medium text-slate-900">
            {person.name}
            {person.role && <span className="font-normal text-slate-600"> · {person.role}</span>}
          </p>
          <ul className="mt-1 space-y-0.5">
            {[person.phone, person.altPhone]
              .filter((phone) => phone.trim())
              .map((phone, index) => (
                <li key={phone + index} className="flex items-center gap-1.5">
                  <Phone aria-hidden className="size-3.5 text-slate-400" />
                  <span className="sr-only">
                    {index === 0 && person.phone ? "Phone" : "Alternate phone"}:{" "}
                  </span>
                  <a className="text-brand-700 underline" href={telHref(phone)}>
                    {phone}
                  </a>
                </li>
              ))}
            {person.email && (
              <li className="flex items-center gap-1.5">
                <Mail aria-hidden className="size-3.5 text-slate-400" />
                <span className="sr-only">Email: </span>
                <a className="break-all text-brand-700 underline" href={`mailto:${person.email}`}>
                  {person.email}
                </a>
              </li>
            )}
            {!person.phone.trim() && !person.altPhone.trim() && (
              <li className="italic text-slate-500">No phone number</li>
            )}
          </ul>
        </>
      ) : (
        <Empty>Not named yet</Empty>
      )}
    </div>
  );
}

const actionIcons = {
  continue: CheckCircle2,
  reschedule: CalendarClock,
  needs_ehr_first: MonitorX,
} as const;
const actionStyles = {
  continue: "bg-emerald-50 text-emerald-900 border-emerald-200",
  reschedule: "bg-amber-50 text-amber-900 border-amber-200",
  needs_ehr_first: "bg-red-50 text-red-900 border-red-200",
} as const;

function VisitAction({ action }: { action: keyof typeof visitActionLabels }) {
  const Icon = actionIcons[action];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${actionStyles[action]}`}
    >
      <Icon aria-hidden className="size-3.5" />
      {visitActionLabels[action]}
    </span>
  );
}
