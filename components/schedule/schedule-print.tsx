import { formatClock, formatDay, formatMoment } from "@/components/ui/format";
import { scheduleMarkLabels } from "@/server/contracts/schedule";
import {
  ehrStatusLabel,
  formatLongDay,
  languageName,
  notExpected,
  prefersOtherLanguage,
  type ScheduleDayView,
} from "./types";

/** Blank lines for walk-ins written by hand on the day. */
const BLANK_WALK_IN_ROWS = 6;

function Box({ label }: { label: string }) {
  return <span className="sched-box" role="img" aria-label={label} />;
}

/**
 * One day of the schedule copy on paper: a block per provider (kept whole where it fits), black on
 * white with words for every state, tick boxes for Arrived and No-show and room for notes, and the
 * copy's time at the top of every page (the outer table's header repeats on each printed page).
 */
export function SchedulePrint({
  day,
  printedAt,
  printedByName,
}: {
  day: ScheduleDayView;
  printedAt: Date;
  printedByName: string;
}) {
  const timeZone = day.practice.timezone;
  const copyTime = day.connection?.refreshedAt
    ? `Schedule copy as of ${formatMoment(day.connection.refreshedAt, timeZone)}`
    : "Schedule copy not filled yet";
  const stale = day.connection?.age?.stale ?? false;
  return (
    <table className="sched-frame">
      <thead>
        <tr>
          <td>
            <div className="sched-running">
              <span className="sched-running-copy">
                {copyTime}
                {stale ? " — OLDER THAN A DAY" : ""}
              </span>
              <span>
                {day.practice.name} · {formatLongDay(day.date)}
              </span>
            </div>
          </td>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            <article className="sched">
              <header className="sched-header">
                <p className="packet-kicker">Continuity schedule</p>
                <h1>
                  {day.practice.name} — {formatLongDay(day.date)}
                </h1>
                <p className="packet-meta">
                  {day.appointmentCount} appointment{day.appointmentCount === 1 ? "" : "s"} ·{" "}
                  {copyTime}
                  {day.connection?.age ? ` (${day.connection.age.words} when printed)` : ""}
                </p>
                {stale && (
                  <p className="sched-warning">
                    Warning: this copy is older than a day. Appointments booked or changed since
                    then are not on it.
                  </p>
                )}
                <p>
                  Printed {formatMoment(printedAt, timeZone)} by {printedByName}. Tick Arrived or
                  No-show, write cancellations, reschedules and messages under Notes, and add
                  walk-ins at the end; enter them all into the EHR when it is back.
                </p>
              </header>

              {day.sites.length === 0 ? (
                <p className="packet-empty">No appointments in the copy for this day.</p>
              ) : (
                day.sites.flatMap((site) =>
                  site.providers.map((provider) => (
                    <section
                      key={`${site.site}|${provider.provider}`}
                      className="sched-block"
                      aria-label={`${provider.provider} at ${site.site}`}
                    >
                      <h2>
                        {provider.provider}
                        <span className="sched-site"> — {site.site}</span>
                        <span className="sched-count">
                          {" "}
                          ({provider.appointments.length} appointment
                          {provider.appointments.length === 1 ? "" : "s"})
                        </span>
                      </h2>
                      <table className="sched-table">
                        <thead>
                          <tr>
                            <th className="sched-col-time">Time</th>
                            <th>Patient</th>
                            <th className="sched-col-phone">Phone</th>
                            <th className="sched-col-visit">Visit</th>
                            <th className="sched-col-box">Arrived</th>
                            <th className="sched-col-box">No-show</th>
                            <th className="sched-col-notes">Notes</th>
                          </tr>
                        </thead>
                        <tbody>
                          {provider.appointments.map((appointment) => {
                            const time = formatClock(appointment.startsAt, timeZone);
                            const name = appointment.patient?.name ?? "Patient not in the copy";
                            const mark =
                              appointment.mark && appointment.mark.kind !== "walk_in"
                                ? scheduleMarkLabels[appointment.mark.kind]
                                : null;
                            return (
                              <tr key={appointment.id}>
                                <td className="sched-time">
                                  {time}
                                  <span className="sched-minutes">{appointment.minutes} min</span>
                                </td>
                                <td>
                                  <span
                                    className={`sched-name ${notExpected(appointment.status) ? "sched-struck" : ""}`}
                                  >
                                    {name}
                                  </span>
                                  {appointment.patient?.birthDate && (
                                    <span className="sched-detail">
                                      Born{" "}
                                      {/^\d{4}-\d{2}-\d{2}$/.test(appointment.patient.birthDate)
                                        ? formatDay(appointment.patient.birthDate)
                                        : appointment.patient.birthDate}
                                    </span>
                                  )}
                                  {prefersOtherLanguage(
                                    appointment.patient?.preferredLanguage ?? null,
                                  ) && (
                                    <span className="sched-detail sched-strong">
                                      Prefers{" "}
                                      {languageName(appointment.patient!.preferredLanguage!)}
                                    </span>
                                  )}
                                  {appointment.status !== "booked" && (
                                    <span className="sched-detail sched-strong">
                                      {ehrStatusLabel(appointment.status)}
                                    </span>
                                  )}
                                  {mark && (
                                    <span className="sched-detail sched-strong">
                                      Marked: {mark}
                                    </span>
                                  )}
                                </td>
                                <td className="sched-phone">{appointment.patient?.phone ?? ""}</td>
                                <td>{appointment.visitType}</td>
                                <td className="sched-box-cell">
                                  <Box label={`Arrived, ${time}: tick box`} />
                                </td>
                                <td className="sched-box-cell">
                                  <Box label={`No-show, ${time}: tick box`} />
                                </td>
                                <td />
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </section>
                  )),
                )
              )}

              <section className="sched-block" aria-label="Walk-ins">
                <h2>Walk-ins</h2>
                <table className="sched-table">
                  <thead>
                    <tr>
                      <th className="sched-col-time">Time</th>
                      <th>Patient</th>
                      <th className="sched-col-phone">Phone</th>
                      <th className="sched-col-visit">Provider</th>
                      <th className="sched-col-notes">Notes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {day.walkIns.map((walkIn) => (
                      <tr key={walkIn.id}>
                        <td className="sched-time">{formatClock(walkIn.at, timeZone)}</td>
                        <td className="sched-name">{walkIn.name}</td>
                        <td className="sched-phone">{walkIn.phone ?? ""}</td>
                        <td>{walkIn.providerName}</td>
                        <td>{walkIn.note}</td>
                      </tr>
                    ))}
                    {Array.from({ length: BLANK_WALK_IN_ROWS }, (_, index) => (
                      <tr key={`blank-${index}`} className="sched-blank" aria-hidden>
                        <td />
                        <td />
                        <td />
                        <td />
                        <td />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </article>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
