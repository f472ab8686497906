import { readFile } from "node:fs/promises";
const info = JSON.parse(await readFile("/tmp/benchdev/info.json", "utf8"));
process.env.APP_DATABASE_URL = info.appUrl;
delete process.env.DATABASE_URL;
const { withTenant } = await import("@/db/tenant");
const { listPortfolio } = await import("@/server/services/portfolio");
const { quarterlyMetrics } = await import("@/server/services/metrics");
const { listTimeline } = await import("@/server/services/incidents");
const ctxOf = (mspId: string) => (tx: any) => ({ tx, mspId, actor: { userId: null, name: "Bench", role: "admin" as const }, practiceIds: "*" as const });
const run = (mspId: string, fn: (c: any) => Promise<unknown>) => withTenant({ mspId, userId: null, role: "admin", practiceIds: "*" }, (tx) => fn(ctxOf(mspId)(tx)));
const firstPage = { search: "", filter: "all" as const, sort: "score_asc" as const, archived: false, page: 1, pageSize: 25 };
const cases: Record<string, [string, (c: any) => Promise<unknown>]> = {
  portfolioLarge: [info.large.mspId, (c) => listPortfolio(c, firstPage)],
  portfolioSmall: [info.small.mspId, (c) => listPortfolio(c, firstPage)],
  mspLarge: [info.large.mspId, (c) => quarterlyMetrics(c, {})],
  oneLarge: [info.large.mspId, (c) => quarterlyMetrics(c, { practiceId: info.large.samplePracticeId })],
  timeline: [info.large.mspId, (c) => listTimeline(c, { ...info.large.sampleIncident, after: 0 })],
};
for (const name of process.argv.slice(2)) {
  const [msp, fn] = cases[name]!;
  await run(msp, fn);
  const t = performance.now();
  const n = 200;
  for (let i = 0; i < n; i++) await run(msp, fn);
  console.log(name, ((performance.now() - t) / n).toFixed(2), "ms/call sequential");
}
process.exit(0);
