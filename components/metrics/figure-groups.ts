import type { SeriesPattern } from "./quarter-chart";
import type { FigureKey } from "./figures";

/** A chart: series of one unit, drawn per quarter. */
export type ChartDef = { figures: FigureKey[]; label: string; axis?: "usd" | "percent" };

/** A group of figures leadership reads together, with its charts. */
export type GroupDef = {
  id: string;
  title: string;
  description: string;
  /** What "no data yet" means for this group, in a sentence. */
  none: string;
  figures: FigureKey[];
  charts: ChartDef[];
};

export const patterns: SeriesPattern[] = ["solid", "hatch", "dots"];

export const figureGroups: GroupDef[] = [
  {
    id: "incidents",
    title: "Incidents and downtime",
    description:
      "Unplanned outages by the quarter they started in (planned maintenance is counted apart, below), and their minutes down until resolved (or until now while open).",
    none: "No unplanned outage recorded.",
    figures: ["incidents", "downtimeMinutes"],
    charts: [
      { figures: ["incidents"], label: "Incidents per quarter" },
      { figures: ["downtimeMinutes"], label: "Downtime minutes per quarter" },
    ],
  },
  {
    id: "maintenance",
    title: "Planned maintenance",
    description:
      "Planned downtime (maintenance windows run as planned incidents) apart from the outages above, and how many windows had their prep list done on time.",
    none: "No planned maintenance window run.",
    figures: ["plannedDowntimeMinutes", "maintenanceWindows", "prepListsOnTime"],
    charts: [
      { figures: ["plannedDowntimeMinutes"], label: "Planned maintenance minutes per quarter" },
      {
        figures: ["maintenanceWindows", "prepListsOnTime"],
        label: "Maintenance windows and prep lists done on time per quarter",
      },
    ],
  },
  {
    id: "cost",
    title: "Estimated cost of downtime",
    description: "Minutes down × each practice's cost of one downtime minute.",
    none: "No downtime with a cost: outages count once a practice's cost of one downtime minute is set.",
    figures: ["costCents"],
    charts: [
      {
        figures: ["costCents"],
        label: "Estimated cost of downtime per quarter, in US dollars",
        axis: "usd",
      },
    ],
  },
  {
    id: "response",
    title: "Response times",
    description:
      "Medians over the quarter's incidents: from the start to the first vendor ticket, and from the start to service restored.",
    none: "No outage with a vendor contact or a restore recorded.",
    figures: ["medianMinutesToVendor", "medianMinutesToRestore"],
    charts: [
      {
        figures: ["medianMinutesToVendor", "medianMinutesToRestore"],
        label: "Median minutes to first vendor contact and to restore, per quarter",
      },
    ],
  },
  {
    id: "backups",
    title: "Backup restore tests",
    description:
      "Restore tests recorded in the quarter, those done within their cadence, and those that passed.",
    none: "No backup restore test recorded.",
    figures: ["backupTests", "backupTestsOnTime", "backupTestsPassed"],
    charts: [
      {
        figures: ["backupTests", "backupTestsOnTime", "backupTestsPassed"],
        label: "Backup restore tests done, on time and passed, per quarter",
      },
    ],
  },
  {
    id: "reviews",
    title: "Quarterly reviews",
    description: "Reviews signed off in the quarter, and those signed off by their due date.",
    none: "No quarterly review signed off.",
    figures: ["reviews", "reviewsOnTime"],
    charts: [
      {
        figures: ["reviews", "reviewsOnTime"],
        label: "Reviews signed off and on time, per quarter",
      },
    ],
  },
  {
    id: "risks",
    title: "Urgent risks",
    description:
      "Urgent risks still open at the end of each quarter (or today, for this one), and how many days the median one had been open.",
    none: "No urgent risk open.",
    figures: ["urgentRisksOpen", "urgentRiskMedianAgeDays"],
    charts: [
      { figures: ["urgentRisksOpen"], label: "Urgent risks open at quarter end" },
      { figures: ["urgentRiskMedianAgeDays"], label: "Median age of open urgent risks, in days" },
    ],
  },
  {
    id: "plan",
    title: "Plan completeness and freshness",
    description:
      "Completeness of the plan version in force at the end of each quarter, averaged over the practices that had published one, and the share of those plans still within their review date. No figure before a first published plan.",
    none: "No downtime plan published.",
    figures: ["planCompleteness", "plansCurrentPercent"],
    charts: [
      {
        figures: ["planCompleteness", "plansCurrentPercent"],
        label: "Plan completeness and plans within their review date per quarter, in percent",
        axis: "percent",
      },
    ],
  },
  {
    id: "vendors",
    title: "Vendor contacts verified",
    description:
      "Of the vendor contacts linked to practices at the end of each quarter (or today, for this one), the share verified in the 90 days before.",
    none: "No vendor contact linked to a practice.",
    figures: ["vendorsVerifiedPercent"],
    charts: [
      {
        figures: ["vendorsVerifiedPercent"],
        label: "Vendor contacts verified in 90 days per quarter, in percent",
        axis: "percent",
      },
    ],
  },
  {
    id: "drills",
    title: "Drills held",
    description: "Downtime drills (tabletop or live) held in the quarter.",
    none: "No downtime drill held.",
    figures: ["drillsHeld"],
    charts: [{ figures: ["drillsHeld"], label: "Drills held per quarter" }],
  },
  {
    id: "outreach",
    title: "Patient outreach during outages",
    description:
      "Counts only. Patients sent a text or email linked to an outage (its campaign named the outage, or it went out while the outage was open) and the outages with at least one message sent while open, by the quarter the outage started; the median minutes from declaring the outage to its first patient message; appointments cancelled because the patient replied C or CANCEL. Messages and replies count while the schedule copy keeps them (14 days after the appointment by default).",
    none: "No patient texted or emailed during an outage.",
    figures: [
      "patientsNotifiedDuringOutages",
      "outagesWithOutreach",
      "medianMinutesToFirstMessage",
      "cancellationsByReply",
    ],
    charts: [
      {
        figures: ["patientsNotifiedDuringOutages", "cancellationsByReply"],
        label: "Patients notified during outages and cancellations handled by reply, per quarter",
      },
      { figures: ["outagesWithOutreach"], label: "Outages where outreach continued, per quarter" },
      {
        figures: ["medianMinutesToFirstMessage"],
        label: "Median minutes from declaration to the first patient message, per quarter",
      },
    ],
  },
  {
    id: "detection",
    title: "Outages the monitors saw first",
    description:
      "Outage minutes the monitors detected (from a suspected outage until its cause was back up; dismissed ones not counted) against the minutes of declared outages (start to resolution); the median minutes from detection to declaration, over suspected outages that were declared; and the share of the outages started in the quarter that a suspected outage of the same practice had shown in the 24 hours before the declaration.",
    none: "No outage seen by the monitors or declared.",
    figures: [
      "detectedOutageMinutes",
      "declaredOutageMinutes",
      "medianMinutesDetectionToDeclaration",
      "seenFirstPercent",
    ],
    charts: [
      {
        figures: ["detectedOutageMinutes", "declaredOutageMinutes"],
        label: "Outage minutes detected by monitors and declared, per quarter",
      },
      {
        figures: ["medianMinutesDetectionToDeclaration"],
        label: "Median minutes from detection to declaration, per quarter",
      },
      {
        figures: ["seenFirstPercent"],
        label: "Share of outages seen before the practice called, per quarter",
      },
    ],
  },
];
