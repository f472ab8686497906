import "server-only";
import { sql } from "drizzle-orm";
import superjson, { type SuperJSONResult } from "superjson";
import { InvalidError } from "@/server/errors";
import type { ServiceContext } from "./context";

/**
 * Runs `create` once per key: the key is claimed in the same transaction as what `create` writes, so
 * a retry either finds the first call's result (and returns it) or, while the first call is still
 * running, waits for it to commit or fail. Without a key, `create` simply runs.
 */
export async function once<T>(
  ctx: ServiceContext,
  key: string | undefined,
  action: string,
  create: () => Promise<T>,
): Promise<T> {
  if (!key || !ctx.actor.userId) return create();
  const claimed = await ctx.tx.execute(sql`
    insert into idempotent_actions (msp_id, user_id, key, action) values (${ctx.mspId}, ${ctx.actor.userId}, ${key}, ${action})
    on conflict do nothing returning key`);
  if (claimed.length === 0) {
    const [earlier] = await ctx.tx.execute<{ action: string; result: SuperJSONResult | null }>(sql`
      select action, result from idempotent_actions where msp_id = ${ctx.mspId} and user_id = ${ctx.actor.userId} and key = ${key}`);
    if (!earlier || earlier.action !== action || earlier.result === null)
      throw new InvalidError(
        "This request key was already used for another action. Reload the page and try again.",
      );
    return superjson.deserialize<T>(earlier.result);
  }
  const result = await create();
  await ctx.tx.execute(sql`
    update idempotent_actions set result = ${JSON.stringify(superjson.serialize(result))}::jsonb
    where msp_id = ${ctx.mspId} and user_id = ${ctx.actor.userId} and key = ${key}`);
  return result;
}
