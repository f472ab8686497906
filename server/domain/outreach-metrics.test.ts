import { describe, expect, test } from "vitest";
import { outreachFiguresByQuarter, outreachFiguresFrom } from "./outreach-metrics";

describe("outreach figures per quarter", () => {
  test("each quarter asked for, in order; a quarter without a row has zeros and no median", () => {
    const figures = outreachFiguresByQuarter(
      ["2026-Q2", "2026-Q3", "2026-Q4"],
      [
        {
          quarter: "2026-Q4",
          patients_notified: 12,
          cancellations_by_reply: 3,
          outages_with_outreach: 2,
          median_minutes_to_first_message: "7.25",
        },
        {
          quarter: "2026-Q2",
          patients_notified: 0,
          cancellations_by_reply: 1,
          outages_with_outreach: 0,
          median_minutes_to_first_message: null,
        },
      ],
    );
    expect(figures).toEqual([
      {
        patientsNotifiedDuringOutages: 0,
        cancellationsByReply: 1,
        outagesWithOutreach: 0,
        medianMinutesToFirstMessage: null,
      },
      {
        patientsNotifiedDuringOutages: 0,
        cancellationsByReply: 0,
        outagesWithOutreach: 0,
        medianMinutesToFirstMessage: null,
      },
      {
        patientsNotifiedDuringOutages: 12,
        cancellationsByReply: 3,
        outagesWithOutreach: 2,
        medianMinutesToFirstMessage: 7.3,
      },
    ]);
  });

  test("a row for a quarter not asked for is left out", () => {
    expect(
      outreachFiguresByQuarter(
        ["2026-Q4"],
        [
          {
            quarter: "2024-Q4",
            patients_notified: 5,
            cancellations_by_reply: 5,
            outages_with_outreach: 5,
            median_minutes_to_first_message: 1,
          },
        ],
      ),
    ).toEqual([
      {
        patientsNotifiedDuringOutages: 0,
        cancellationsByReply: 0,
        outagesWithOutreach: 0,
        medianMinutesToFirstMessage: null,
      },
    ]);
  });

  test("rows are read from the quarter's first day in the earliest time zone (UTC+14)", () => {
    expect(outreachFiguresFrom("2025-Q1").toISOString()).toBe("2024-12-31T10:00:00.000Z");
    expect(outreachFiguresFrom("2026-Q4").toISOString()).toBe("2026-09-30T10:00:00.000Z");
  });
});
