/** Monitors per page on a practice's Monitors tab (shared by the page's prefetch and the list). */
export const MONITORS_PAGE_SIZE = 50;
