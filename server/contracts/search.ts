import { z } from "zod";

/** The command menu's query: what the person typed, trimmed. */
export const findSchema = z.object({
  q: z
    .string("Type what to search for.")
    .trim()
    .min(1, "Type what to search for.")
    .max(100, "Search is at most 100 characters."),
});
export type FindInput = z.input<typeof findSchema>;

/** At most this many results in each group. */
export const SEARCH_GROUP_LIMIT = 8;

/** One line of the command menu: where Enter takes the person. */
export type SearchItem = { id: string; title: string; detail: string; href: string };

export type SearchResults = {
  practices: SearchItem[];
  systems: SearchItem[];
  /** Catalog vendors and practices' escalation contacts. */
  vendors: SearchItem[];
  incidents: SearchItem[];
  pages: SearchItem[];
  actions: SearchItem[];
};
