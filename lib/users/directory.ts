import { asc, desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db";
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

export interface StaffMember extends UserOption {
  email: string;
}

/** Active users with their e-mail, for integrations that set a favorite agent (GET /api/v1/users). */
export async function listActiveStaff(exec: Executor = db): Promise<StaffMember[]> {
  return exec
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name), asc(users.id));
}

export interface ListedUser extends StaffMember {
  phone: string | null;
  active: boolean;
  lastSignInAt: Date | null;
}

/** Every user, active ones first, for the users page (a workspace has tens of users, not thousands). */
export async function listUsers(): Promise<ListedUser[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, role: users.role, active: users.active, lastSignInAt: users.lastSignInAt })
    .from(users)
    .orderBy(desc(users.active), asc(users.name), asc(users.id));
}
