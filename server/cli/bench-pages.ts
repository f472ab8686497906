/**
 * What a person's page load costs, for npm run bench: the server CPU one request takes (the app's
 * process and PostgreSQL's, read from /proc), the bytes sent (HTML and, inside it, the hydration
 * payload; raw and gzip) and the JavaScript the browser downloads before the page is interactive.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { gzipSync } from "node:zlib";

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node supports

/** utime + stime of one process, and what its exited children used (cutime + cstime), in ticks. */
function processTicks(pid: number): { own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { own: utime! + stime!, children: cutime! + cstime! };
  } catch {
    return null; // ended meanwhile
  }
}

function processes(): { pid: number; ppid: number; command: string }[] {
  const list: { pid: number; ppid: number; command: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      list.push({ pid: Number(entry), ppid, command });
    } catch {
      // ended meanwhile
    }
  }
  return list;
}

/** A PostgreSQL backend's title names its database: "postgres: 15/main: standby_app <database> 127.0.0.1(…) idle". */
function servesDatabase(pid: number, databaseName: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${databaseName} `);
  } catch {
    return false;
  }
}

/**
 * CPU seconds used so far by the app (its process and descendants) and by the PostgreSQL backends
 * serving its database (not the server's other databases: other work on the same server, such as a
 * test run, is not counted).
 */
export function cpuSeconds(
  appPid: number,
  databaseName: string,
): { app: number; database: number } {
  const all = processes();
  const appTree = new Set([appPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of all)
      if (appTree.has(ppid) && !appTree.has(pid)) {
        appTree.add(pid);
        grew = true;
      }
  }
  let app = 0;
  let database = 0;
  for (const { pid, command } of all) {
    const ticks = processTicks(pid);
    if (!ticks) continue;
    if (appTree.has(pid)) app += ticks.own + ticks.children;
    else if (command === "postgres" && servesDatabase(pid, databaseName)) database += ticks.own;
  }
  return { app: app / CLOCK_TICKS_PER_SECOND, database: database / CLOCK_TICKS_PER_SECOND };
}

/** GET with the raw bytes as sent (no decompression), for sizes with and without gzip. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            encoding: response.headers["content-encoding"],
          }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

export type PageWeight = {
  /** The HTML document, uncompressed. */
  htmlBytes: number;
  /** Of which the React Server Components payload inlined for hydration (self.__next_f scripts). */
  payloadBytes: number;
  /** The document as the server sends it to a browser that accepts gzip (null: sent uncompressed). */
  sentGzipBytes: number | null;
  /** The document gzipped here, whether or not the server compresses. */
  gzipBytes: number;
  /** The JavaScript files the document loads, gzipped, and how many. */
  scriptGzipBytes: number;
  scripts: number;
};

const scriptCache = new Map<string, number>();

/** The weight of one page as a browser loading it the first time receives it. */
export async function pageWeight(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<PageWeight> {
  const plain = await rawGet(`${baseUrl}${path}`, { cookie });
  if (plain.status !== 200) throw new Error(`${path} answered ${plain.status}.`);
  const html = plain.body.toString("utf8");
  const payloadBytes = [
    ...html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?)<\/script>/g),
  ]
    .map((match) => Buffer.byteLength(match[1]!))
    .reduce((sum, bytes) => sum + bytes, 0);
  const compressed = await rawGet(`${baseUrl}${path}`, { cookie, "accept-encoding": "gzip" });
  // Browsers that run modules skip the noModule polyfills: they are not counted.
  const scripts = [
    ...new Set(
      [...html.matchAll(/<script([^>]+)>/g)]
        .filter((tag) => !/\bnoModule\b/i.test(tag[1]!))
        .map((tag) => /\bsrc="([^"]+\.js[^"]*)"/.exec(tag[1]!)?.[1])
        .filter((src): src is string => Boolean(src)),
    ),
  ];
  let scriptGzipBytes = 0;
  for (const src of scripts) {
    if (!scriptCache.has(src)) {
      const script = await rawGet(new URL(src, baseUrl).toString(), {});
      scriptCache.set(src, gzipSync(script.body).length);
    }
    scriptGzipBytes += scriptCache.get(src)!;
  }
  return {
    htmlBytes: plain.body.length,
    payloadBytes,
    sentGzipBytes: compressed.encoding === "gzip" ? compressed.body.length : null,
    gzipBytes: gzipSync(plain.body).length,
    scriptGzipBytes,
    scripts: scripts.length,
  };
}

/**
 * Server CPU per request, one request at a time (nothing else running): the app's and the
 * database's CPU over `count` sequential loads, divided by count.
 */
export async function cpuPerRequest(
  appPid: number,
  databaseName: string,
  url: string,
  cookie: string,
  count: number,
): Promise<{ appMs: number; databaseMs: number; aloneMs: number }> {
  const before = cpuSeconds(appPid, databaseName);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await rawGet(url, { cookie });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}.`);
  }
  const elapsed = performance.now() - started;
  const after = cpuSeconds(appPid, databaseName);
  return {
    appMs: ((after.app - before.app) * 1000) / count,
    databaseMs: ((after.database - before.database) * 1000) / count,
    aloneMs: elapsed / count,
  };
}

export const kB = (bytes: number | null) =>
  bytes === null ? "not compressed" : `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
