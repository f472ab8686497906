import { pgEnum } from "drizzle-orm/pg-core";

export const memberRole = pgEnum("member_role", ["admin", "technician", "practice_manager", "leadership"]);
