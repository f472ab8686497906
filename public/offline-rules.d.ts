/** Types of public/offline-rules.js (plain JavaScript so that the service worker can import it unbuilt). */
export type CopyKind = "packet" | "schedule";
export type KeptCopy = {
  practiceId: string;
  practiceName?: string;
  kind: CopyKind;
  /** The plan version the packet copy shows (the schedule copy: the version of the packet beside it, or 0). */
  version: number;
  /** The newest version this device has seen published (when the copy could not be replaced yet). */
  newestKnownVersion?: number;
  savedAt: string;
  /** Schedule copies only: 48 hours after savedAt. */
  expiresAt?: string | null;
  /** Schedule copies only: the pages kept (today's at its usual address, tomorrow's with its date). */
  pages?: { title: string; path: string }[];
};
export type OfflineIndex = { copies: KeptCopy[] };
export type KeptAddress = { practiceId: string; kind: "packet" | "pdf" | "schedule" };
type ResponseLike = {
  status: number;
  redirected?: boolean;
  type?: string;
  headers: { get(name: string): string | null };
};

export const CACHE_NAME: string;
export const INDEX_PATH: string;
export const SCHEDULE_LIFETIME_MS: number;
export const BANNER_MARK: string;
export function offlinePaths(practiceId: string): { packet: string; pdf: string; schedule: string };
export function schedulePages(
  practiceId: string,
  tomorrow: string,
): { title: string; path: string }[];
export function nextDate(isoDate: string): string;
export function scheduleStatus(
  copy: KeptCopy | null | undefined,
  now: Date,
  utc?: boolean,
): string | null;
export function keptAddress(pathname: string): KeptAddress | null;
export function mayKeep(
  response: ResponseLike | null | undefined,
  kind: KeptAddress["kind"],
): boolean;
export function scheduleExpiry(savedAt: string | Date): string;
export function isExpired(
  copy: Pick<KeptCopy, "expiresAt"> | null | undefined,
  now: Date | string,
): boolean;
export function emptyIndex(): OfflineIndex;
export function parseIndex(text: string): OfflineIndex;
export function withCopy(index: OfflineIndex, copy: KeptCopy): OfflineIndex;
export function withoutCopy(index: OfflineIndex, practiceId: string, kind: CopyKind): OfflineIndex;
export function copyFor(index: OfflineIndex, pathname: string): KeptCopy | null;
export function needsReplacing(
  copy: KeptCopy | null | undefined,
  publishedVersion: number,
): boolean;
export function newestKnown(copy: KeptCopy): number;
export function clockTime(iso: string, utc?: boolean): string;
export function dayAndTime(iso: string, utc?: boolean): string;
export function savedStatus(copy: KeptCopy | null | undefined, utc?: boolean): string;
export function bannerText(copy: KeptCopy, now: Date, utc?: boolean): string;
export function escapeHtml(text: string): string;
export function stylesheetsOf(html: string): string[];
export function prepareSavedHtml(html: string, styles: Record<string, string>): string;
export function withBanner(html: string, text: string): string;
export function offlinePageHtml(index: OfflineIndex, now: Date, utc?: boolean): string;
