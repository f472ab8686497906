import autocannon from "autocannon";
const PORT = Number(process.env.PORT ?? 3199);
const base = `http://127.0.0.1:${PORT}`;
const info = JSON.parse(await (await import("node:fs/promises")).readFile("/tmp/benchdev/info.json", "utf8"));
async function signIn(email: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  const r = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar }, body: new URLSearchParams({ email, password: "bench-downtime-ready-2026", csrfToken, callbackUrl: `${base}/portfolio` }) });
  return r.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
}
const g = (p: string, input: unknown) => `/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const which = process.argv[2] ?? "timeline";
const small = process.argv[3] === "small";
const cookie = await signIn(small ? "admin@bench-small.example" : "admin@bench-large.example");
const msp = small ? info.small : info.large;
const url = { timeline: g("incidents.timeline", msp.sampleIncident), portfolio: g("practices.portfolio", { sort: "score_asc" }), msp: g("metrics.quarterly", {}), one: g("metrics.quarterly", { practiceId: msp.samplePracticeId }), health: "/api/health" }[which]!;
const first = await fetch(base + url, { headers: { cookie } });
console.log(first.status, (await first.text()).slice(0, 200));
const lat: number[] = [];
await new Promise<void>((resolve) => { const i = autocannon({ url: base + url, connections: 20, duration: Number(process.env.SECS ?? 10), headers: { cookie } }, () => resolve()); i.on("response", (_c, _s, _b, t) => lat.push(t)); });
lat.sort((a, b) => a - b);
console.log(which, "n", lat.length, "p50", lat[Math.floor(lat.length * 0.5)]?.toFixed(1), "p95", lat[Math.floor(lat.length * 0.95)]?.toFixed(1), "rps", (lat.length / Number(process.env.SECS ?? 10)).toFixed(0));
process.exit(0);
