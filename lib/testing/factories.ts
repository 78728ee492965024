import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { contactEmails, contactPhones, contacts, type Contact, type User } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit";
import { createUser } from "@/lib/users/users";

/** A short unique suffix so that tests running side by side never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

const AREAS = ["312", "512", "702", "303", "404", "503", "602", "713"];
// Exchanges 200–999 but the N11 service codes and 555 (which fixed numbers in tests use).
const EXCHANGES = Array.from({ length: 800 }, (_, i) => 200 + i).filter((n) => n % 100 !== 11 && n !== 555);
// Test files run side by side on one database, each in a worker of its own (VITEST_WORKER_ID counts
// them up): each file draws from its own exchange, so two files never make the same number.
const exchange = EXCHANGES[Number(process.env.VITEST_WORKER_ID ?? process.pid) % EXCHANGES.length]!;
let phoneCounter = 0;
/**
 * A valid US number no other test file of this run can make (+1 312 xxx xxxx: 8 area codes × 10 000
 * lines of this file's exchange). The area codes are ones the demo seed never uses (it draws 212,
 * 319, 415, 617 and 206 numbers), so a test file that seeds the demo workspace cannot take a number
 * another test is about to add.
 */
export function uniquePhone(): string {
  const n = phoneCounter++;
  return `+1${AREAS[n % AREAS.length]}${exchange}${String(Math.floor(n / AREAS.length) % 10000).padStart(4, "0")}`;
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(role: Role = "agent", overrides: { name?: string; email?: string } = {}): Promise<User> {
  const tag = unique();
  return createUser(
    { name: overrides.name ?? `Test ${role} ${tag}`, email: overrides.email ?? `${tag}@staff.test`, role, password: TEST_PASSWORD },
    SYSTEM_ACTOR,
  );
}

export function actorOf(user: User): Actor {
  return { id: user.id, label: `${user.name} <${user.email}>` };
}

/** A bare contact row with optional identifiers, inserted directly (for tests of other parts). */
export async function makeContact(
  values: Partial<typeof contacts.$inferInsert> = {},
  identifiers: { phones?: string[]; emails?: string[] } = {},
): Promise<Contact> {
  const [contact] = await db
    .insert(contacts)
    .values({ contactKey: unique("C-"), firstName: "Test", lastName: unique("Person"), ...values })
    .returning();
  for (const [i, e164] of (identifiers.phones ?? []).entries()) {
    await db.insert(contactPhones).values({ contactId: contact!.id, e164, isPrimary: i === 0 });
  }
  for (const [i, email] of (identifiers.emails ?? []).entries()) {
    await db.insert(contactEmails).values({ contactId: contact!.id, email, emailNormalized: email.trim().toLowerCase(), isPrimary: i === 0 });
  }
  return contact!;
}
