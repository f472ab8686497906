/**
 * What one tenant has in the database, read as the owner: every row of every table with an msp_id
 * (found in the catalog, no hand-kept list) and its msps row. Comparing two snapshots tells whether
 * a call read-and-changed anything of that tenant.
 */
import { ownerSql } from "@/server/test/fixtures";

export type TenantTable = { name: string; hasId: boolean; hasPracticeId: boolean };

let tables: Promise<TenantTable[]> | undefined;

/** Every table with an msp_id column, and msps itself. */
export function tenantTables(): Promise<TenantTable[]> {
  tables ??= ownerSql()<{ table_name: string; columns: string[] }[]>`
      select c.table_name, array_agg(c2.column_name::text) as columns
      from information_schema.columns c
      join information_schema.columns c2 on c2.table_schema = c.table_schema and c2.table_name = c.table_name
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.column_name = 'msp_id'
      group by c.table_name order by c.table_name`.then((rows) => [
    ...rows.map((row) => ({
      name: row.table_name,
      hasId: row.columns.includes("id"),
      hasPracticeId: row.columns.includes("practice_id"),
    })),
    { name: "msps", hasId: true, hasPracticeId: false },
  ]);
  return tables;
}

/**
 * Table name → a digest of the tenant's rows: their count and the transaction ids that wrote them
 * (xmin). An insert, an update or a delete changes it; reading does not. Cheap enough to take
 * after every call.
 */
export type Snapshot = Record<string, string>;

/**
 * One statement, one round trip: the tenant's rows of every tenant table; with a practice, only the
 * rows of tables that belong to a practice (and the practice's own row) are those of that practice.
 */
export async function snapshotTenant(mspId: string, practiceId?: string): Promise<Snapshot> {
  const all = await tenantTables();
  const rows = await ownerSql().begin(async (tx) => {
    await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
    const parts = all.map(
      (table) =>
        `select '${table.name}' as name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) || ':' || coalesce(sum(t.xmin::text::bigint), 0) as rows from "${table.name}" t where ${table.name === "msps" ? "id" : "msp_id"} = $1` +
        (!practiceId
          ? ""
          : table.name === "practices"
            ? " and id = $2"
            : table.hasPracticeId
              ? " and practice_id = $2"
              : ""),
    );
    return tx.unsafe<{ name: string; rows: string }[]>(
      parts.join(" union all "),
      practiceId ? [mspId, practiceId] : [mspId],
      { prepare: true },
    );
  });
  return Object.fromEntries(rows.map((row) => [row.name, row.rows]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/**
 * The ids of a tenant's rows (every table's id column), or of one practice's rows only (tables
 * with a practice_id, and the practice itself): what must never appear in another caller's results.
 */
export async function tenantRowIds(mspId: string, practiceId?: string): Promise<Set<string>> {
  const all = (await tenantTables()).filter(
    (table) => table.hasId && (!practiceId || table.hasPracticeId || table.name === "practices"),
  );
  const rows = await ownerSql().begin(async (tx) => {
    await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
    const parts = all.map((table) => {
      const where =
        table.name === "msps"
          ? "id = $1"
          : table.name === "practices"
            ? `msp_id = $1 ${practiceId ? "and id = $2" : ""}`
            : `msp_id = $1 ${practiceId ? "and practice_id = $2" : ""}`;
      return `select id::text as id from "${table.name}" where ${where}`;
    });
    return tx.unsafe<{ id: string }[]>(
      parts.join(" union all "),
      practiceId ? [mspId, practiceId] : [mspId],
    );
  });
  return new Set(rows.map((row) => row.id));
}
