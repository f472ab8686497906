import { humanMinutes } from "@/server/domain/durations";

/** Durations on the backups pages, in the words those pages use ("4 h", "2 days"). */

/** 45 → "45 min", 240 → "4 h", 90 → "1 h 30 min", 2880 → "2 days" (server/domain/durations). */
export const formatMinutes = humanMinutes;
