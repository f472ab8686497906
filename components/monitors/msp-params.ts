import { monitorStatuses, type MonitorStatus } from "@/server/contracts/monitors";

/** Monitors per page on the MSP-wide list (shared by the page's prefetch and the list). */
export const MSP_MONITORS_PAGE_SIZE = 50;

export type MspMonitorsParams = {
  page: number;
  status: MonitorStatus | null;
  practiceId: string | null;
};

export function mspMonitorsHref(params: MspMonitorsParams) {
  const query = new URLSearchParams();
  if (params.status) query.set("status", params.status);
  if (params.practiceId) query.set("practice", params.practiceId);
  if (params.page > 1) query.set("page", String(params.page));
  const text = query.toString();
  return text ? `/monitors?${text}` : "/monitors";
}

/** Reads the list's parameters from the page's URL (anything unknown falls back to all). */
export function mspMonitorsParams(
  query: Record<string, string | string[] | undefined>,
): MspMonitorsParams {
  const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
  const status = one(query.status);
  const practice = one(query.practice);
  return {
    page: Math.max(1, Math.min(10_000, Number.parseInt(one(query.page) || "1", 10) || 1)),
    status: (monitorStatuses as readonly string[]).includes(status)
      ? (status as MonitorStatus)
      : null,
    practiceId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(practice)
      ? practice
      : null,
  };
}
