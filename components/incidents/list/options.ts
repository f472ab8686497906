import "server-only";
import { getQueryClient, trpc } from "@/server/rsc";
import type { FilterOption } from "./incident-filters";

const byName = (a: FilterOption, b: FilterOption) => a.name.localeCompare(b.name);

/**
 * Server-only reads: the options a page renders into its own HTML. They are not handed to the
 * browser's query cache (dehydrated), where nothing reads them.
 */
const serverOnly = { meta: { serverOnly: true } } as const;

/** Every active practice the person can see, by name (at most 5,000), with its time zone. */
export async function practiceOptions(): Promise<(FilterOption & { timezone: string })[]> {
  const { items } = await getQueryClient().fetchQuery({
    ...trpc.practices.choices.queryOptions({ limit: 5_000 }),
    ...serverOnly,
  });
  return items;
}

/** Up to PRACTICE_CHOICES_LIMIT practices by name, those whose name contains `search` when given, and how many match. */
export async function practiceChoices(search: string) {
  return getQueryClient().fetchQuery({
    ...trpc.practices.choices.queryOptions({ search }),
    ...serverOnly,
  });
}

/** Vendors of these practices: the ones linked to them and the ones behind their mapped systems. */
export async function practiceVendorOptions(practiceIds: string[]): Promise<FilterOption[]> {
  const queryClient = getQueryClient();
  const perPractice = await Promise.all(
    practiceIds.map(async (practiceId) => {
      const [links, map] = await Promise.all([
        queryClient.fetchQuery(trpc.vendors.forPractice.queryOptions({ practiceId })),
        queryClient.fetchQuery(trpc.dependencies.map.queryOptions({ practiceId })),
      ]);
      return [
        ...links.map((link) => ({ id: link.vendorId, name: link.name })),
        ...map.systems.flatMap((system) =>
          system.vendorId && system.vendorName
            ? [{ id: system.vendorId, name: system.vendorName }]
            : [],
        ),
      ];
    }),
  );
  return [...new Map(perPractice.flat().map((vendor) => [vendor.id, vendor])).values()].sort(
    byName,
  );
}

/** The MSP's whole vendor catalog (the list procedure pages by 200). */
export async function catalogVendorOptions(): Promise<FilterOption[]> {
  const queryClient = getQueryClient();
  const pageSize = 200;
  const first = await queryClient.fetchQuery(trpc.vendors.list.queryOptions({ pageSize, page: 1 }));
  const pages = Math.min(25, Math.ceil(first.total / pageSize));
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, index) =>
      queryClient.fetchQuery(trpc.vendors.list.queryOptions({ pageSize, page: index + 2 })),
    ),
  );
  return [first, ...rest].flatMap((page) => page.items.map(({ id, name }) => ({ id, name })));
}
