import { pgEnum } from "drizzle-orm/pg-core";
import { memberRoleValues } from "./values";

export const memberRole = pgEnum("member_role", memberRoleValues);
