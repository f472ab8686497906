/**
 * A fix to the postgres.js driver (3.4.9), applied to node_modules after every install (npm's
 * postinstall) and again by `npm start` / `npm test` before they run, until a release carries it.
 *
 * The bug (upstream issues #1066, #1154, #1208): a query sent on a connection whose socket has just
 * closed — typically the ROLLBACK postgres.js sends itself when PostgreSQL ends a transaction's
 * backend (restart, pg_terminate_backend) — is written in a setImmediate after `socket` became null.
 * That throws an uncaught TypeError, the query never settles, and the bytes stay buffered with a
 * stale timer, so every later reconnect of that pool slot sends nothing and times out: one slot of
 * the pool is broken until the process restarts. The fix: a write without a socket rejects its
 * queries with CONNECTION_CLOSED, and closing drops whatever was buffered for the old socket.
 *
 * Plain JavaScript with no dependencies, so it runs before anything else is installed or built.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* standby: driver fix for writes after close */";

const replacements = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
    `  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return true\n    }\n    const x = socket.write(chunk, fn)\n`,
  ],
  ["    incomings = null\n    clearImmediate(nextWriteTimer)\n", "    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n"],
];

/** Patches the driver under `root` (the project folder); returns what it did, for the log. */
export function patchPostgresDriver(root = process.cwd()) {
  const done = [];
  for (const variant of ["src", "cjs/src", "cf/src"]) {
    const file = path.join(root, "node_modules", "postgres", variant, "connection.js");
    if (!existsSync(file)) continue;
    let text = readFileSync(file, "utf8");
    if (text.includes(MARK)) continue;
    for (const [before, after] of replacements) {
      if (!text.includes(before)) throw new Error(`postgres.js ${file} is not the version this fix was written for: check db/cli/patch-driver.mjs against the new release.`);
      text = text.replace(before, after);
    }
    writeFileSync(file, text);
    done.push(variant);
  }
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const done = patchPostgresDriver();
  if (done.length) console.log(`Patched postgres.js (${done.join(", ")}): writes after a connection closed now fail the query instead of the process.`);
}
