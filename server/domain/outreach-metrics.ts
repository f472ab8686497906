/**
 * Leadership's quarterly outreach figures (counts only, no patient data): what the database function
 * standby_outreach_quarter_figures returns, one row per quarter asked for, turned into the figures the
 * metrics page, its CSV and its print show. Definitions: README, "Quarterly metrics".
 */
import { quarterDays, type QuarterKey } from "./quarters";

export type OutreachQuarterFigures = {
  /** Distinct patients sent (or delivered) a message linked to an outage that started in the quarter. */
  patientsNotifiedDuringOutages: number;
  /** Appointments Standby marked cancelled because the patient replied C or CANCEL. */
  cancellationsByReply: number;
  /** Outages started in the quarter with at least one patient message sent while they were open. */
  outagesWithOutreach: number;
  /** Median, over those outages, of the minutes from declaration to the first such message. */
  medianMinutesToFirstMessage: number | null;
};

export type OutreachFigureRow = {
  quarter: string;
  patients_notified: number;
  cancellations_by_reply: number;
  outages_with_outreach: number;
  median_minutes_to_first_message: number | string | null;
};

export const noOutreachFigures: OutreachQuarterFigures = {
  patientsNotifiedDuringOutages: 0,
  cancellationsByReply: 0,
  outagesWithOutreach: 0,
  medianMinutesToFirstMessage: null,
};

/** The figures of each quarter asked for, oldest first; a quarter with no row has none (zeros). */
export function outreachFiguresByQuarter(
  quarters: readonly QuarterKey[],
  rows: readonly OutreachFigureRow[],
): OutreachQuarterFigures[] {
  const byQuarter = new Map(rows.map((row) => [row.quarter, row]));
  return quarters.map((quarter) => {
    const row = byQuarter.get(quarter);
    if (!row) return { ...noOutreachFigures };
    const median =
      row.median_minutes_to_first_message === null
        ? null
        : Math.round(Number(row.median_minutes_to_first_message) * 10) / 10;
    return {
      patientsNotifiedDuringOutages: Number(row.patients_notified),
      cancellationsByReply: Number(row.cancellations_by_reply),
      outagesWithOutreach: Number(row.outages_with_outreach),
      medianMinutesToFirstMessage: Number.isFinite(median) ? median : null,
    };
  });
}

/**
 * The earliest moment any practice's first quarter can begin: its first day at midnight in the
 * earliest time zone there is (UTC+14). Rows before it cannot belong to the quarters shown.
 */
export function outreachFiguresFrom(firstQuarter: QuarterKey): Date {
  const midnightUtc = new Date(`${quarterDays(firstQuarter).first}T00:00:00Z`);
  return new Date(midnightUtc.getTime() - 14 * 60 * 60 * 1000);
}
