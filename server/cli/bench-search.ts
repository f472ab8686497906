/**
 * The command menu's figures for npm run bench (BENCH_ONLY=search): search.find on the large MSP
 * (2,000 practices, 10,000 systems, 40,000 incidents), with a site phone per practice, two
 * escalation contacts on each practice's vendor link, 200 more catalog vendors with support phones
 * and 20 open outages added. Each query is asked the way one person typing asks it (one request at
 * a time, over HTTP through the built app, signed in), then at 20 connections, then straight on the
 * database (the floor: the session check and the service's statements in one transaction).
 */
import postgres from "postgres";
import {
  httpLoad,
  machineLine,
  ms,
  passMark as pass,
  summarize,
  today,
  trpcGet,
} from "./bench-support";

const TARGET_P95_MS = 100;
const SEQUENTIAL = Number(process.env.BENCH_SEARCH_REQUESTS ?? 200);
const WARM_UP = 20;
const CONNECTIONS = 20;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** What people type: a name fragment, a common word, phone digits, a formatted phone, an incident title, nothing found. */
export const SEARCH_QUERIES: { name: string; q: string }[] = [
  { name: "Practice name fragment", q: "ctice 0123" },
  { name: "Common word (every practice, system and incident)", q: "EHR" },
  { name: "Phone digits (a site and a contact)", q: "5550123" },
  { name: "Formatted phone prefix", q: "(303) 555-01" },
  { name: "Incident title", q: "down" },
  { name: "Contact name", q: "Jordan 12" },
  { name: "Nothing found", q: "zzqxv" },
];

/** Adds what the command menu searches and the base seed lacks: phones, contacts, more vendors, open outages. */
export async function seedSearchData(ownerUrl: string, mspId: string) {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      await tx`create temporary table search_practices on commit drop as
        select id, row_number() over (order by name) as n from practices where msp_id = ${mspId}`;
      await tx`
        insert into practice_sites (msp_id, practice_id, name, address, phone, position)
        select ${mspId}, p.id, 'Main office', p.n || ' Main St', '(303) 555-' || lpad((p.n % 10000)::text, 4, '0'), 0
        from search_practices p`;
      await tx`
        update practice_vendors pv set ladder = jsonb_build_array(
          jsonb_build_object('name', 'Jordan ' || p.n, 'role', 'Support', 'phone', '(720) 555-' || lpad((p.n % 10000)::text, 4, '0'), 'email', '', 'hours', '24/7'),
          jsonb_build_object('name', 'Casey ' || p.n, 'role', 'Escalations', 'phone', '(720) 556-' || lpad((p.n % 10000)::text, 4, '0'), 'email', '', 'hours', ''))
        from search_practices p where pv.msp_id = ${mspId} and pv.practice_id = p.id`;
      await tx`
        insert into vendors (msp_id, name, category, support_phone)
        select ${mspId}, 'Vendor ' || lpad(n::text, 3, '0'), 'other', '(800) 555-' || lpad(n::text, 4, '0')
        from generate_series(1, 200) n`;
      await tx`
        insert into incidents (msp_id, practice_id, title, severity, patient_care_interrupted, started_at, status, owner_name, created_by_name)
        select ${mspId}, p.id, 'Internet down', 'major', false, now() - interval '30 minutes', 'investigating', 'Owner', 'Bench Tech'
        from search_practices p where p.n % 100 = 0`;
    });
    await sql`analyze practice_sites, practice_vendors, vendors, incidents`;
  } finally {
    await sql.end();
  }
}

async function sequentialOverHttp(baseUrl: string, cookie: string, q: string) {
  const url = `${baseUrl}${trpcGet("search.find", { q })}`;
  const ask = async () => {
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`search.find ${q}: HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
  for (let i = 0; i < WARM_UP; i++) await ask();
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await ask();
    latencies.push(performance.now() - started);
  }
  return summarize(latencies);
}

async function sequentialFloor(floor: (q: string) => Promise<unknown>, q: string) {
  for (let i = 0; i < WARM_UP; i++) await floor(q);
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await floor(q);
    latencies.push(performance.now() - started);
  }
  return summarize(latencies);
}

/** How many results each query returns (a check that the figures measure real answers). */
async function resultCount(baseUrl: string, cookie: string, q: string) {
  const response = await fetch(`${baseUrl}${trpcGet("search.find", { q })}`, {
    headers: { cookie },
  });
  const body = (await response.json()) as { result: { data: { json: Record<string, unknown[]> } } };
  return Object.values(body.result.data.json).reduce((total, group) => total + group.length, 0);
}

export async function measureSearch(options: {
  baseUrl: string;
  cookie: string;
  floor: (q: string) => Promise<unknown>;
}) {
  const { baseUrl, cookie, floor } = options;
  const rows: string[] = [];
  for (const { name, q } of SEARCH_QUERIES) {
    console.log(`Measuring search: ${name} (${q})`);
    const found = await resultCount(baseUrl, cookie, q);
    const http = await sequentialOverHttp(baseUrl, cookie, q);
    const database = await sequentialFloor(floor, q);
    rows.push(
      `| ${name} | \`${q}\` | ${found} | ${ms(http.p50)} | ${ms(http.p95)} | ${ms(database.p50)} | ${ms(database.p95)} | ${pass(http.p95 <= TARGET_P95_MS)} |`,
    );
  }
  console.log(`Measuring search at ${CONNECTIONS} connections`);
  const loaded = await httpLoad(
    `${baseUrl}${trpcGet("search.find", { q: SEARCH_QUERIES[0]!.q })}`,
    cookie,
    CONNECTIONS,
    LOAD_SECONDS,
  );
  const common = await httpLoad(
    `${baseUrl}${trpcGet("search.find", { q: "EHR" })}`,
    cookie,
    CONNECTIONS,
    LOAD_SECONDS,
  );

  return [
    `## Command menu search — ${today()}`,
    "",
    `Machine: ${machineLine()}. `,
    `Data: the large MSP (2,000 practices with a site phone each, 10,000 systems, 2,000 vendor links with 2 escalation contacts each, 201 catalog vendors, 40,020 incidents of which 20 open). search.find as the MSP's admin (every practice in scope). One person typing: ${SEQUENTIAL} requests one after another per query after ${WARM_UP} warm-up requests, over HTTP through the built app (session check included); the floor runs the session check and the service's statements straight on the database.`,
    "",
    `| Query | q | results | HTTP p50 | HTTP p95 | floor p50 | floor p95 | p95 ≤ ${TARGET_P95_MS} ms |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `At ${CONNECTIONS} connections for ${LOAD_SECONDS} s: \`${SEARCH_QUERIES[0]!.q}\` p50 ${ms(loaded.p50)}, p95 ${ms(loaded.p95)}, ${loaded.requestsPerSecond.toFixed(0)} req/s, ${loaded.errors} errors; \`EHR\` p50 ${ms(common.p50)}, p95 ${ms(common.p95)}, ${common.requestsPerSecond.toFixed(0)} req/s, ${common.errors} errors. (One signed-in person sending hundreds of calls a second meets the per-person limit, REQUEST_RATE_LIMIT_PER_MINUTE, 1,200 a minute: its 429 answers are the errors counted; nobody types that fast.)`,
    "",
  ].join("\n");
}
