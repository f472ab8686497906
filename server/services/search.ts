import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { incidentStatusLabels, type IncidentStatus } from "@/server/contracts/incidents";
import {
  SEARCH_GROUP_LIMIT,
  type findSchema,
  type SearchItem,
  type SearchResults,
} from "@/server/contracts/search";
import type { EscalationLevel } from "@/db/schema";
import { mainNavigation } from "@/server/navigation";
import { can, type Role } from "@/server/permissions";
import type { ServiceContext } from "./context";

export type { SearchItem, SearchResults };

const LIMIT = SEARCH_GROUP_LIMIT;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Typed like a phone number: digits with the usual punctuation, at least three digits. */
export function phoneDigitsOf(q: string): string | null {
  if (!/^[\d\s().+\-/]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, "");
  return digits.length >= 3 ? digits : null;
}

/** The words of an action a query may start ("decl", "outage", "post upd"). */
function actionMatches(label: string, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const labelWords = label.toLowerCase().split(/\s+/);
  return words.every((word) => labelWords.some((labelWord) => labelWord.startsWith(word)));
}

type Row = Record<string, unknown>;
const rowsOf = <T extends Row>(result: unknown) => result as T[];

/**
 * Everything the command menu finds for q, within the caller's practices (the WHERE clauses say it
 * and row-level security enforces it): practices (by name or a site's phone), systems of the
 * dependency maps, vendors (catalog by name or support phone) and escalation contacts (by name or
 * phone), incidents by title, the pages the role opens, and the main actions. Phones match on their
 * digits only (generated columns, migration 0047). One statement per group, sent together on the
 * transaction's connection. Names are matched by scanning the MSP's rows: under row-level security
 * ILIKE (not LEAKPROOF) cannot use a trigram index.
 */
export async function findEverything(
  ctx: ServiceContext,
  input: z.infer<typeof findSchema>,
  role: Role,
): Promise<SearchResults> {
  const q = input.q;
  const pattern = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const digits = phoneDigitsOf(q);
  const digitsPattern = digits ? `%${digits}%` : null;
  const scoped = ctx.practiceIds !== "*";
  const inScope = (column: SQL): SQL =>
    ctx.practiceIds === "*"
      ? sql``
      : ctx.practiceIds.length
        ? sql` and ${column} = any(string_to_array(${ctx.practiceIds.join(",")}, ',')::uuid[])`
        : sql` and false`;
  const mspId = ctx.mspId;
  const canDeclare = can(role, "incidents.write");
  const updateActionAsked = canDeclare && actionMatches("Post an update", q);

  const practiceQuery = ctx.tx.execute(sql`
    select p.id, p.name, p.archived_at is not null as archived
    from practices p
    where p.msp_id = ${mspId}${inScope(sql`p.id`)}
      and p.id in (
        select id from practices where msp_id = ${mspId} and name ilike ${pattern}
        ${digitsPattern ? sql`union select practice_id from practice_sites where msp_id = ${mspId} and phone_digits like ${digitsPattern}` : sql``}
      )
    order by p.archived_at is not null, p.name ilike ${prefix} desc, p.name, p.id
    limit ${LIMIT}`);

  const systemQuery = ctx.tx.execute(sql`
    select s.id, s.name, s.practice_id as "practiceId", p.name as "practiceName"
    from systems s
    join practices p on p.msp_id = s.msp_id and p.id = s.practice_id
    where s.msp_id = ${mspId}${inScope(sql`s.practice_id`)} and p.archived_at is null
      and s.name ilike ${pattern}
    order by s.name ilike ${prefix} desc, s.name, p.name, s.id
    limit ${LIMIT}`);

  // Someone limited to some practices has no catalog page: a vendor opens the first of their practices using it.
  const vendorQuery = ctx.tx.execute(sql`
    select v.id, v.name, v.support_phone as "supportPhone",
      ${
        scoped
          ? sql`(select pv.practice_id from practice_vendors pv where pv.msp_id = v.msp_id and pv.vendor_id = v.id${inScope(sql`pv.practice_id`)} order by pv.practice_id limit 1)`
          : sql`null::uuid`
      } as "practiceId"
    from vendors v
    where v.msp_id = ${mspId}
      and v.id in (
        select id from vendors where msp_id = ${mspId} and name ilike ${pattern}
        ${digitsPattern ? sql`union select id from vendors where msp_id = ${mspId} and support_phone_digits like ${digitsPattern}` : sql``}
      )${
        // Only vendors one of their practices uses, before the limit, so the limit counts those.
        scoped
          ? sql` and exists (select 1 from practice_vendors pv where pv.msp_id = v.msp_id and pv.vendor_id = v.id${inScope(sql`pv.practice_id`)})`
          : sql``
      }
    order by v.name ilike ${prefix} desc, v.name, v.id
    limit ${LIMIT}`);

  const contactQuery = ctx.tx.execute(sql`
    select pv.id, pv.practice_id as "practiceId", p.name as "practiceName", v.name as "vendorName", pv.ladder
    from practice_vendors pv
    join practices p on p.msp_id = pv.msp_id and p.id = pv.practice_id
    join vendors v on v.msp_id = pv.msp_id and v.id = pv.vendor_id
    where pv.msp_id = ${mspId}${inScope(sql`pv.practice_id`)} and p.archived_at is null
      and pv.id in (
        select id from practice_vendors where msp_id = ${mspId} and contact_names ilike ${pattern}
        ${digitsPattern ? sql`union select id from practice_vendors where msp_id = ${mspId} and contact_phone_digits like ${digitsPattern}` : sql``}
      )
    order by p.name, v.name, pv.id
    limit ${LIMIT}`);

  // Open outages first (their partial index), then the most recent others (newest first, stopping at the limit).
  const incidentColumns = sql`i.id, i.title, i.status, i.started_at as "startedAt", i.practice_id as "practiceId", p.name as "practiceName"`;
  const incidentJoin = sql`join practices p on p.msp_id = i.msp_id and p.id = i.practice_id`;
  const incidentQuery = ctx.tx.execute(sql`
    (select ${incidentColumns} from incidents i ${incidentJoin}
      where i.msp_id = ${mspId}${inScope(sql`i.practice_id`)} and i.status not in ('resolved', 'closed')
        and i.title ilike ${pattern}
      order by i.started_at desc limit ${LIMIT})
    union all
    (select ${incidentColumns} from incidents i ${incidentJoin}
      where i.msp_id = ${mspId}${inScope(sql`i.practice_id`)} and i.status in ('resolved', 'closed')
        and i.title ilike ${pattern}
      order by i.started_at desc limit ${LIMIT})`);

  // "Post an update" for the open outages the words name (their title or practice), or all of them when asked for the action.
  const openIncidentQuery = canDeclare
    ? ctx.tx.execute(sql`
        select i.id, i.title, i.practice_id as "practiceId", p.name as "practiceName"
        from incidents i ${incidentJoin}
        where i.msp_id = ${mspId}${inScope(sql`i.practice_id`)} and i.status not in ('resolved', 'closed')
          ${updateActionAsked ? sql`` : sql`and (i.title ilike ${pattern} or p.name ilike ${pattern})`}
        order by i.started_at desc
        limit ${LIMIT}`)
    : Promise.resolve([]);

  const [practiceRows, systemRows, vendorRows, contactRows, incidentRows, openRows] =
    await Promise.all([
      practiceQuery,
      systemQuery,
      vendorQuery,
      contactQuery,
      incidentQuery,
      openIncidentQuery,
    ]);

  const practices = rowsOf<{ id: string; name: string; archived: boolean }>(practiceRows).map(
    (row) => ({
      id: `practice:${row.id}`,
      title: row.name,
      detail: row.archived ? "Practice · archived" : "Practice",
      href: `/practices/${row.id}`,
    }),
  );

  const systems = rowsOf<{ id: string; name: string; practiceId: string; practiceName: string }>(
    systemRows,
  ).map((row) => ({
    id: `system:${row.id}`,
    title: row.name,
    detail: `System at ${row.practiceName}`,
    href: `/practices/${row.practiceId}/dependencies`,
  }));

  const vendors: SearchItem[] = rowsOf<{
    id: string;
    name: string;
    supportPhone: string;
    practiceId: string | null;
  }>(vendorRows).map((row) => ({
    id: `vendor:${row.id}`,
    title: row.name,
    detail: row.supportPhone ? `Vendor · support ${row.supportPhone}` : "Vendor",
    href: row.practiceId
      ? `/practices/${row.practiceId}/vendors`
      : `/vendors?q=${encodeURIComponent(row.name)}`,
  }));
  const needle = q.toLowerCase();
  for (const row of rowsOf<{
    id: string;
    practiceId: string;
    practiceName: string;
    vendorName: string;
    ladder: EscalationLevel[];
  }>(contactRows)) {
    row.ladder.forEach((level, index) => {
      const byName = level.name.toLowerCase().includes(needle);
      const byPhone = digits !== null && level.phone.replace(/\D/g, "").includes(digits);
      if (!byName && !byPhone) return;
      vendors.push({
        id: `contact:${row.id}:${index}`,
        title: level.name || level.phone,
        detail: [
          `Level ${index + 1}${level.role ? ` (${level.role})` : ""} for ${row.vendorName} at ${row.practiceName}`,
          level.phone,
        ]
          .filter(Boolean)
          .join(" · "),
        href: `/practices/${row.practiceId}/vendors`,
      });
    });
  }

  const incidents = rowsOf<{
    id: string;
    title: string;
    status: IncidentStatus;
    startedAt: string | Date;
    practiceId: string;
    practiceName: string;
  }>(incidentRows)
    .map((row) => ({ ...row, open: row.status !== "resolved" && row.status !== "closed" }))
    .sort(
      (a, b) =>
        Number(b.open) - Number(a.open) ||
        new Date(b.startedAt).getTime() - new Date(a.startedAt).getTime(),
    )
    .slice(0, LIMIT)
    .map((row) => ({
      id: `incident:${row.id}`,
      title: row.title,
      detail: `${incidentStatusLabels[row.status]} · ${row.practiceName} · started ${new Date(row.startedAt).toISOString().slice(0, 10)}`,
      href: `/practices/${row.practiceId}/incidents/${row.id}`,
    }));

  const pages = [
    ...mainNavigation({ role, practiceIds: ctx.practiceIds }),
    { href: "/account/security", label: "Account security" },
  ]
    .filter((page) => page.label.toLowerCase().includes(needle) || actionMatches(page.label, q))
    .map((page) => ({
      id: `page:${page.href}`,
      title: page.label,
      detail: "Page",
      href: page.href,
    }));

  const actions: SearchItem[] = [];
  if (canDeclare) {
    if (actionMatches("Declare an outage", q))
      actions.push({
        id: "action:declare",
        title: "Declare an outage",
        detail: "Action",
        href: "/incidents/new",
      });
    for (const practice of practices.filter((item) => item.detail === "Practice").slice(0, 3)) {
      const practiceId = practice.href.slice("/practices/".length);
      actions.push({
        id: `action:declare:${practiceId}`,
        title: `Declare an outage at ${practice.title}`,
        detail: "Action",
        href: `/incidents/new?practiceId=${practiceId}`,
      });
    }
    for (const row of rowsOf<{
      id: string;
      title: string;
      practiceId: string;
      practiceName: string;
    }>(openRows))
      actions.push({
        id: `action:update:${row.id}`,
        title: `Post an update: ${row.title}`,
        detail: `Action · open outage at ${row.practiceName}`,
        href: `/practices/${row.practiceId}/incidents/${row.id}#post-update`,
      });
  }

  return {
    practices,
    systems,
    vendors: vendors.slice(0, LIMIT),
    incidents,
    pages,
    actions: actions.slice(0, LIMIT),
  };
}
