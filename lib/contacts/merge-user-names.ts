import { inArray } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { systemField } from "./fields";
import type { MergePlan } from "./merge-plan";

/** Names of the users that the plan's user fields (the favorite agent) name, by id. */
export async function userNamesOf(plan: MergePlan): Promise<Record<string, string>> {
  const ids = new Set<number>();
  for (const f of plan.fields) {
    if (f.kind !== "system" || systemField(f.id)?.type !== "user") continue;
    for (const c of f.candidates) ids.add(Number(c.value));
  }
  if (ids.size === 0) return {};
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return Object.fromEntries(rows.map((u) => [String(u.id), u.name]));
}
