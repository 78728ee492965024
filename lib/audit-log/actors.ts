import { asc } from "drizzle-orm";
import { db } from "@/db";
import { apiTokens, users } from "@/db/schema";
import { apiTokenActor, SYSTEM_ACTOR } from "@/lib/audit";

export interface ActorOption {
  /** The `actor` URL value (lib/audit-log/params). */
  value: string;
  label: string;
}

/** Who can have acted, for the actor filter: every user (deactivated ones too), the system, every API token. */
export async function actorOptions(): Promise<ActorOption[]> {
  const [people, tokens] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name)),
    db.select({ name: apiTokens.name }).from(apiTokens).orderBy(asc(apiTokens.name)),
  ]);
  return [
    ...people.map((u) => ({ value: `u${u.id}`, label: `${u.name} <${u.email}>` })),
    ...[...new Set(tokens.map((t) => t.name))].map((name) => ({ value: `l:${apiTokenActor({ name }).label}`, label: apiTokenActor({ name }).label })),
    { value: `l:${SYSTEM_ACTOR.label}`, label: "System" },
  ];
}
