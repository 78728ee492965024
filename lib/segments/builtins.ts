import { sql, type SQL } from "drizzle-orm";
import type { Role } from "@/db/schema/enums";
import { can } from "@/lib/auth/permissions";
import { IN_TRASH, NOT_TRASHED } from "@/lib/contacts/trashed";

/**
 * The segments every workspace has. "All contacts" leaves out blocked and archived ones (SPEC §3);
 * every segment but Trash leaves out the trashed ones, and Trash is the admins' (SPEC §9).
 */
export const BUILTIN_SEGMENTS = [
  { key: "all", label: "All contacts" },
  { key: "mine", label: "My contacts" },
  { key: "leads", label: "Leads" },
  { key: "anonymous", label: "Anonymous" },
  { key: "blocked", label: "Blocked" },
  { key: "archived", label: "Archived" },
  { key: "trash", label: "Trash" },
] as const;

export type BuiltinSegmentKey = (typeof BUILTIN_SEGMENTS)[number]["key"];

export function isBuiltinSegment(key: string): key is BuiltinSegmentKey {
  return BUILTIN_SEGMENTS.some((s) => s.key === key);
}

/** Whether this role may open a built-in segment (Trash needs contacts.trash). */
export function builtinVisible(key: BuiltinSegmentKey, role: Role): boolean {
  return key !== "trash" || can(role, "contacts.trash");
}

/** The predicate over the contacts alias `c` that a built-in segment stands for. */
export function builtinPredicate(key: BuiltinSegmentKey, userId: number): SQL {
  return key === "trash" ? IN_TRASH : sql`${NOT_TRASHED} and ${shownIn(key, userId)}`;
}

function shownIn(key: Exclude<BuiltinSegmentKey, "trash">, userId: number): SQL {
  const live = sql`not c.archived and not c.blocked`;
  switch (key) {
    case "all":
      return live;
    case "mine":
      return sql`${live} and c.favorite_agent_id = ${userId}`;
    case "leads":
      return sql`${live} and c.lead_stage = 'lead'`;
    case "anonymous":
      return sql`${live} and c.anonymous`;
    case "blocked":
      return sql`c.blocked`;
    case "archived":
      return sql`c.archived`;
  }
}
