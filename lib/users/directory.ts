import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";

export interface UserOption {
  id: number;
  name: string;
  role: Role;
}

/** Active users, for pickers such as a contact's favorite agent. */
export async function listActiveUsers(): Promise<UserOption[]> {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
