import type { ReactNode } from "react";
import {
  sectionTitles,
  visitActionLabels,
  type PlanContent,
  type Person,
  type SectionKey,
} from "@/server/contracts/plans";
import type { Packet } from "@/server/services/plans/packet";
import {
  formatDateTime,
  helpDeskLine,
  noVendorContacts,
  packetSectionOrder,
  publishedLine,
  reviewLine,
  sectionLeads,
  vendorContactsTitle,
  type PacketPart,
  type PacketStamp as Stamp,
  type VendorContact,
} from "@/server/documents/packet-format";
import { PacketStamp } from "./packet-stamp";
import { telHref } from "@/server/domain/phone-number";

/**
 * The downtime packet as a printable page: the latest published plan of a practice, in the words
 * of server/domain/plan-text.ts (which the PDF prints). Stored text is rendered as text only.
 */

function NotFilled() {
  return <p className="packet-empty">Not filled in yet.</p>;
}

function Phone({ phone }: { phone: string }) {
  return (
    <a className="packet-phone" href={telHref(phone)}>
      {phone}
    </a>
  );
}

function PersonCard({ label, person }: { label: string; person: Person }) {
  const named = person.name.trim().length > 0;
  return (
    <div className="packet-person">
      <p className="packet-label">{label}</p>
      {named ? (
        <>
          <p className="packet-person-name">
            {person.name}
            {person.role && <span className="packet-person-role"> ({person.role})</span>}
          </p>
          {person.phone && <Phone phone={person.phone} />}
          {person.altPhone && (
            <p>
              or <Phone phone={person.altPhone} />
            </p>
          )}
          {person.email && <p className="packet-email">{person.email}</p>}
        </>
      ) : (
        <p className="packet-person-name">Not named</p>
      )}
    </div>
  );
}

/** "Re-enters downtime work: Dana Whitfield (Office manager) — (555) 010-2030", as plan-text writes it. */
function PersonLine({ label, person }: { label: string; person: Person }) {
  const phones = [person.phone, person.altPhone].filter((phone) => phone.trim());
  return (
    <p className="packet-keep">
      <strong>{label}:</strong>{" "}
      {person.name.trim() ? (
        <>
          {person.name}
          {person.role && ` (${person.role})`}
          {phones.map((phone, index) => (
            <span key={index}>
              {index === 0 ? " — " : " / "}
              <Phone phone={phone} />
            </span>
          ))}
          {person.email && ` — ${person.email}`}
        </>
      ) : (
        "not named"
      )}
    </p>
  );
}

function Steps({ items }: { items: { text: string }[] }) {
  if (items.length === 0) return <NotFilled />;
  return (
    <ol className="packet-steps">
      {items.map((item, index) => (
        <li key={index}>{item.text}</li>
      ))}
    </ol>
  );
}

function Fields({ fields }: { fields: [label: string, value: string][] }) {
  const filled = fields.filter(([, value]) => value.trim());
  if (filled.length === 0) return <NotFilled />;
  return (
    <dl className="packet-fields">
      {filled.map(([label, value]) => (
        <div key={label} className="packet-keep">
          <dt>{label}</dt>
          <dd>{value.trim()}</dd>
        </div>
      ))}
    </dl>
  );
}

const sectionBody: { [K in SectionKey]: (content: PlanContent[K]) => ReactNode } = {
  outageOwner: (section) => (
    <div className="packet-people">
      <PersonCard label="Outage owner" person={section.owner} />
      <PersonCard label="Backup" person={section.backup} />
    </div>
  ),
  triage: (section) => (
    <>
      {section.steps.length > 0 && <p className="packet-lead">{sectionLeads.triage}</p>}
      <Steps items={section.steps} />
    </>
  ),
  frontDeskScript: (section) => (
    <Fields
      fields={[
        ["Script", section.script],
        ["Urgent messages", section.urgentMessages],
      ]}
    />
  ),
  visitRules: (section) =>
    section.rules.length === 0 ? (
      <NotFilled />
    ) : (
      <table className="packet-table">
        <thead>
          <tr>
            <th scope="col" className="packet-col-wide">
              Visit type
            </th>
            <th scope="col" className="packet-col-narrow">
              What happens
            </th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {section.rules.map((rule, index) => (
            <tr key={index}>
              <td data-label="Visit type">{rule.visitType}</td>
              <td data-label="What happens" className="packet-strong">
                {visitActionLabels[rule.action]}
              </td>
              <td data-label="Note">{rule.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
  callTree: (section) =>
    section.entries.length === 0 ? (
      <NotFilled />
    ) : (
      <table className="packet-table">
        <thead>
          <tr>
            <th scope="col" className="packet-col-wide">
              Who calls
            </th>
            <th scope="col" className="packet-col-wide">
              Whom they call
            </th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {section.entries.map((entry, index) => (
            <tr key={index}>
              <td data-label="Who calls" className="packet-strong">
                {entry.caller}
              </td>
              <td data-label="Whom they call">{entry.calls}</td>
              <td data-label="How">{entry.how}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
  scheduleContinuity: (section) => (
    <Fields
      fields={[
        ["Schedule printed or exported", section.scheduleExport],
        ["Check-in", section.checkIn],
        ["Phone routing", section.phoneRouting],
        ["Tracking of cancellations, arrivals, urgent messages", section.tracking],
      ]}
    />
  ),
  providerWorkflow: (section) => (
    <Fields
      fields={[
        ["Notes", section.notes],
        ["Orders", section.orders],
        ["Labs", section.labs],
        ["Prescriptions", section.prescriptions],
        ["Referrals", section.referrals],
        ["Follow-up", section.followUp],
      ]}
    />
  ),
  tiers: (section) => (
    <>
      <p className="packet-lead">
        A short outage lasts up to {section.shortOutageMaxMinutes} minutes.
      </p>
      <div className="packet-tiers">
        <div className="packet-tier">
          <p className="packet-label">Short outage</p>
          <p className="packet-text">{section.shortTier.trim() || "Not filled in yet."}</p>
        </div>
        <div className="packet-tier">
          <p className="packet-label">Long outage</p>
          <p className="packet-text">{section.longTier.trim() || "Not filled in yet."}</p>
        </div>
      </div>
    </>
  ),
  reconciliation: (section) => (
    <>
      <PersonLine label="Re-enters downtime work" person={section.owner} />
      <PersonLine label="Verifies" person={section.verifier} />
      <Steps items={section.steps} />
    </>
  ),
  maintenancePrep: (section) =>
    section.items.length === 0 ? (
      <NotFilled />
    ) : (
      <>
        <p className="packet-lead">{sectionLeads.maintenancePrep}</p>
        <ol className="packet-checklist">
          {section.items.map((item, index) => (
            <li key={index}>
              <span className="packet-box" aria-hidden />
              <span className="packet-number">{index + 1}.</span>
              <span>{item.text}</span>
            </li>
          ))}
        </ol>
      </>
    ),
  officePreparation: (section) => (
    <>
      <Fields
        fields={[
          ["Backup internet", section.backupInternet],
          ["UPS and surge protection", section.powerProtection],
          ["Second location", section.secondLocation],
          ["Paper forms", section.paperForms],
        ]}
      />
      <p className="packet-keep">
        Paper forms stocked for {section.paperFormsHours} hours of visits.
      </p>
    </>
  ),
};

function renderSection<K extends SectionKey>(key: K, content: PlanContent[K]): ReactNode {
  return sectionBody[key](content);
}

function VendorContacts({ contacts }: { contacts: VendorContact[] }) {
  if (contacts.length === 0) return <p className="packet-empty">{noVendorContacts}</p>;
  return (
    <>
      <p className="packet-lead">{sectionLeads.vendorContacts}</p>
      <div className="packet-vendors">
        {contacts.map((contact, index) => (
          <div key={index} className="packet-vendor">
            <p className="packet-vendor-name">{contact.name}</p>
            <p>
              {contact.supportPhone ? (
                <>
                  Support: <Phone phone={contact.supportPhone} />
                  {contact.supportHours && ` (${contact.supportHours})`}
                </>
              ) : (
                "No support line recorded"
              )}
            </p>
            {contact.accountNumber && (
              <p>
                Account number: <strong>{contact.accountNumber}</strong>
              </p>
            )}
            {contact.ladder.length > 0 && (
              <ol className="packet-ladder" aria-label={`Escalation ladder of ${contact.name}`}>
                {contact.ladder.map((level, levelIndex) => (
                  <li key={levelIndex}>
                    <span className="packet-label">Level {levelIndex + 1}</span> {level.name}
                    {level.role && ` (${level.role})`}
                    {level.phone && (
                      <>
                        {" — "}
                        <Phone phone={level.phone} />
                      </>
                    )}
                    {level.email && ` — ${level.email}`}
                    {level.hours && ` — ${level.hours}`}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </div>
    </>
  );
}

/** Sections short enough to keep on one sheet rather than split across two. */
const keepWhole: PacketPart[] = ["outageOwner", "tiers"];

export function PacketDocument({
  packet,
  printedAt,
  printedByName,
}: {
  packet: Packet;
  printedAt: Date;
  printedByName: string;
}) {
  const stamp: Stamp = {
    versionNumber: packet.version.number,
    publishedAt: packet.version.publishedAt,
    publishedByName: packet.version.publishedByName,
    nextReviewOn: packet.version.nextReviewOn,
    printedAt,
    printedByName,
    timezone: packet.practice.timezone,
  };
  return (
    <article className="packet" aria-labelledby="packet-title">
      <header className="packet-header">
        <p className="packet-kicker">Downtime packet</p>
        <h1 id="packet-title">{packet.practice.name}</h1>
        <p>
          Use this when the EHR, the internet or the phones are down. Keep it at the front desk.
        </p>
        <p className="packet-meta">
          {publishedLine(stamp)} · {reviewLine(stamp)}
        </p>
        {packet.practice.sites.length > 0 && (
          <ul className="packet-sites" aria-label="Sites">
            {packet.practice.sites.map((site, index) => (
              <li key={index}>
                <strong>{site.name}</strong> <span>{site.address}</span>{" "}
                <Phone phone={site.phone} />
              </li>
            ))}
          </ul>
        )}
        {helpDeskLine(packet.helpDesk) && (
          <p className="packet-help-desk">
            <strong>MSP help desk: {packet.helpDesk.mspName}</strong>
            {packet.helpDesk.phone && (
              <>
                {" — "}
                <Phone phone={packet.helpDesk.phone} />
              </>
            )}
            {packet.helpDesk.email && ` — ${packet.helpDesk.email}`}
            {packet.helpDesk.hours && ` — ${packet.helpDesk.hours}`}
          </p>
        )}
      </header>

      {packetSectionOrder.map((key) => (
        <section
          key={key}
          aria-labelledby={`packet-${key}`}
          className={keepWhole.includes(key) ? "packet-section packet-keep" : "packet-section"}
        >
          <h2 id={`packet-${key}`}>
            {key === "vendorContacts" ? vendorContactsTitle : sectionTitles[key]}
          </h2>
          {key === "vendorContacts" ? (
            <VendorContacts contacts={packet.vendorContacts} />
          ) : (
            renderSection(key, packet.content[key])
          )}
        </section>
      ))}

      <PacketStamp
        publishedText={publishedLine(stamp)}
        reviewText={reviewLine(stamp)}
        printedText={formatDateTime(printedAt, packet.practice.timezone)}
        printedByName={printedByName}
        timezone={packet.practice.timezone}
      />
    </article>
  );
}
