/**
 * db/policies.sql: every table's row-level security in one file, read back from the catalog of a
 * migrated database — what the migrations add up to, not what one of them says. `npm run
 * db:policies` writes it; db/policies.test.ts fails when it no longer matches the migrations.
 */
import postgres from "postgres";
import { APP_ROLE } from "./config";
import { JOB_QUEUE_SCHEMA } from "./job-queue";

export const POLICIES_FILE = "db/policies.sql";
export const REGENERATE_COMMAND = "npm run db:policies";

const privilegeOrder = [
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "TRUNCATE",
  "REFERENCES",
  "TRIGGER",
];
const commands: Record<string, string> = {
  "*": "ALL",
  r: "SELECT",
  a: "INSERT",
  w: "UPDATE",
  d: "DELETE",
};

type TableRow = {
  name: string;
  kind: string;
  rls: boolean;
  forced: boolean;
  owner: string;
  appPrivileges: string[] | null;
};
type ColumnGrantRow = { table: string; column: string; privileges: string[] };
type PolicyRow = {
  table: string;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  using: string | null;
  check: string | null;
  tableOwner: string;
};
type FunctionRow = {
  name: string;
  signature: string;
  definition: string;
  securityDefiner: boolean;
  executors: string[] | null;
  owner: string;
};

/** The role names a policy applies to, with the table owner written as <owner> (its name differs per installation). */
function roleList(roles: string[], owner: string) {
  return roles.map((role) => (role === owner ? "<owner>" : role)).join(", ");
}

const sortPrivileges = (privileges: string[]) =>
  [...new Set(privileges)].sort((a, b) => privilegeOrder.indexOf(a) - privilegeOrder.indexOf(b));

/** Splits an expression at its top-level ANDs (outside parentheses and quotes), one condition a line. */
export function splitConjuncts(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === "(") depth++;
    else if (!quoted && char === ")") depth--;
    else if (!quoted && depth === 0 && expression.startsWith(" AND ", i)) {
      parts.push(expression.slice(start, i));
      start = i + " AND ".length;
    }
  }
  parts.push(expression.slice(start));
  return parts.map((part) => part.trim());
}

function indent(expression: string) {
  return splitConjuncts(expression)
    .map((part, index) => `    ${index === 0 ? "" : "AND "}${part}`)
    .join("\n");
}

function renderPolicy(policy: PolicyRow) {
  const lines = [
    `CREATE POLICY ${policy.name} ON ${policy.table}`,
    `  AS ${policy.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${commands[policy.command] ?? policy.command} TO ${roleList(policy.roles, policy.tableOwner)}`,
  ];
  if (policy.using !== null) lines.push("  USING (", indent(policy.using), "  )");
  if (policy.check !== null) lines.push("  WITH CHECK (", indent(policy.check), "  )");
  return `${lines.join("\n")};`;
}

/** Renders the snapshot from the database `sql` is connected to (as its owner or a superuser). */
export async function renderPolicies(sql: postgres.Sql): Promise<string> {
  const tables = await sql<TableRow[]>`
    select case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end as name,
           c.relkind as kind, c.relrowsecurity as rls, c.relforcerowsecurity as forced, pg_get_userbyid(c.relowner) as owner,
           (select array_agg(a.privilege_type::text) from aclexplode(c.relacl) a join pg_roles r on r.oid = a.grantee where r.rolname = ${APP_ROLE}) as "appPrivileges"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', ${JOB_QUEUE_SCHEMA}) and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition
     order by n.nspname = 'public' desc, c.relname collate "C"`;
  const columnGrants = await sql<ColumnGrantRow[]>`
    select c.relname as table, att.attname as column, array_agg(a.privilege_type::text) as privileges
      from pg_attribute att
      join pg_class c on c.oid = att.attrelid join pg_namespace n on n.oid = c.relnamespace
      cross join lateral aclexplode(att.attacl) a join pg_roles r on r.oid = a.grantee
     where n.nspname = 'public' and att.attacl is not null and r.rolname = ${APP_ROLE}
     group by c.relname, att.attname
     order by c.relname collate "C", att.attname collate "C"`;
  const policies = await sql<PolicyRow[]>`
    select c.relname as table, p.polname as name, p.polpermissive as permissive, p.polcmd as command,
           case when p.polroles = '{0}' then array['public'] else (select array_agg(pg_get_userbyid(role) order by pg_get_userbyid(role) collate "C") from unnest(p.polroles) role) end as roles,
           pg_get_expr(p.polqual, p.polrelid, true) as using, pg_get_expr(p.polwithcheck, p.polrelid, true) as check,
           pg_get_userbyid(c.relowner) as "tableOwner"
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'
     order by c.relname collate "C", p.polname collate "C"`;
  // The functions the policies call (and what those call in turn is visible in their bodies), and
  // every SECURITY DEFINER function: code that runs with the owner's rights.
  const called = new Set(
    policies.flatMap(
      (policy) =>
        `${policy.using ?? ""} ${policy.check ?? ""}`.match(/\bstandby_[a-z0-9_]+(?=\()/g) ?? [],
    ),
  );
  const functions = await sql<FunctionRow[]>`
    select p.proname as name, pg_get_function_identity_arguments(p.oid) as signature, pg_get_functiondef(p.oid) as definition,
           p.prosecdef as "securityDefiner", pg_get_userbyid(p.proowner) as owner,
           case when p.proacl is null then null
                else coalesce((select array_agg(case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end) from aclexplode(p.proacl) a where a.grantee <> p.proowner), '{}') end as executors
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.prokind = 'f' and (p.prosecdef or p.proname = any(${[...called]}::text[]))
     order by p.proname collate "C", pg_get_function_identity_arguments(p.oid) collate "C"`;

  const out: string[] = [
    `-- ${POLICIES_FILE}: row-level security as the migrations leave it. GENERATED from the catalog of a`,
    `-- freshly migrated database by \`${REGENERATE_COMMAND}\`: do not edit; change a migration and regenerate.`,
    "-- npm test fails when this file and the migrations disagree (db/policies.test.ts).",
    "--",
    `-- For each table: whether row-level security is enabled and forced, what the app role (${APP_ROLE}) may`,
    "-- do to it, and its policies (PERMISSIVE ones are OR-ed, RESTRICTIVE ones AND-ed with them).",
    "-- <owner> is the role that ran the migrations (it owns the tables). Then the functions the policies",
    "-- call and every SECURITY DEFINER function, with who may execute them. The job queue's tables",
    `-- (schema ${JOB_QUEUE_SCHEMA}, pg-boss's, installed by db/job-queue.ts; one partition of ${JOB_QUEUE_SCHEMA}.job per queue) hold no tenant rows.`,
  ];
  for (const table of tables) {
    out.push("", `-- ${table.name} ${"-".repeat(Math.max(3, 96 - table.name.length))}`);
    if (table.kind === "v" || table.kind === "m")
      out.push(`-- (a ${table.kind === "v" ? "view" : "materialized view"})`);
    else if (table.kind === "p" && !table.rls)
      out.push("-- row-level security: OFF (no tenant rows); partitioned");
    else if (!table.rls) out.push("-- row-level security: OFF (no tenant rows)");
    else
      out.push(
        `ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY;`,
        table.forced
          ? `ALTER TABLE ${table.name} FORCE ROW LEVEL SECURITY;`
          : "-- not FORCED: the owner bypasses the policies",
      );
    out.push(
      table.appPrivileges?.length
        ? `GRANT ${sortPrivileges(table.appPrivileges).join(", ")} ON ${table.name} TO ${APP_ROLE};`
        : `-- ${APP_ROLE}: no privileges`,
    );
    for (const grant of columnGrants.filter((row) => row.table === table.name)) {
      out.push(
        `GRANT ${sortPrivileges(grant.privileges).join(", ")} (${grant.column}) ON ${table.name} TO ${APP_ROLE};`,
      );
    }
    for (const policy of policies.filter((row) => row.table === table.name))
      out.push(renderPolicy(policy));
  }
  out.push("", `-- Functions ${"-".repeat(87)}`);
  for (const fn of functions) {
    const executors = fn.executors?.length
      ? [...new Set(fn.executors)].sort().join(", ")
      : fn.executors === null
        ? "PUBLIC (default)"
        : "nobody but <owner>";
    out.push(
      "",
      `-- ${fn.name}(${fn.signature})${fn.securityDefiner ? " — SECURITY DEFINER: runs as <owner>" : ""}; EXECUTE: ${executors}`,
    );
    out.push(`${fn.definition.trim().replace(/\s+$/gm, "")};`);
  }
  return `${out.join("\n")}\n`;
}

/** Renders the snapshot of the database at ownerUrl. */
export async function renderPoliciesOf(ownerUrl: string): Promise<string> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await renderPolicies(sql);
  } finally {
    await sql.end();
  }
}
