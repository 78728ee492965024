import { test as base, expect, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { connect, type Connection } from "../db/client";
import { attributeDefinitions, contactEmails, contactPhones, contacts, users, type AttributeDefinition, type Contact, type User } from "../db/schema";
import type { Role } from "../db/schema/enums";
import { hashPassword } from "../lib/auth/password";

export const DEMO_PASSWORD = "switchboard-demo";
export const ROLE_EMAILS: Record<Role, string> = {
  admin: "admin@example.com",
  supervisor: "supervisor@example.com",
  agent: "agent@example.com",
};
export const storageStateOf = (role: Role) => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

interface Fixtures {
  /** A direct connection to the app's database, for building a test's own data. */
  database: Connection;
  /** Creates a user of the given role with a unique e-mail; its password is `password`. */
  makeUser: (role: Role) => Promise<User & { password: string }>;
  /** Inserts a contact with optional phones (E.164) and e-mails. */
  makeContact: (
    values?: Partial<typeof contacts.$inferInsert>,
    identifiers?: { phones?: string[]; emails?: string[] },
  ) => Promise<Contact>;
  /** Creates a custom attribute (key and label made unique with a token unless given). */
  makeAttribute: (values: Pick<typeof attributeDefinitions.$inferInsert, "label" | "type"> & Partial<typeof attributeDefinitions.$inferInsert>) => Promise<AttributeDefinition>;
}

/** A token unique to this test run, for names that searches can single out. */
export function token(prefix = "T"): string {
  return `${prefix}${Math.random().toString(36).slice(2, 9)}`;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern.
  database: async ({}, use) => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("e2e tests need DATABASE_URL (npm test sets it)");
    const connection = connect(url, { max: 2 });
    await use(connection);
    await connection.sql.end();
  },
  makeUser: async ({ database }, use) => {
    await use(async (role) => {
      const password = "e2e password 123";
      const tag = Math.random().toString(36).slice(2, 10);
      const [user] = await database.db
        .insert(users)
        .values({ name: `E2E ${role} ${tag}`, email: `e2e-${tag}@staff.test`, role, passwordHash: await hashPassword(password) })
        .returning();
      return { ...user!, password };
    });
  },
  makeContact: async ({ database }, use) => {
    await use(async (values = {}, identifiers = {}) => {
      const [contact] = await database.db
        .insert(contacts)
        .values({ contactKey: token("E2E-"), firstName: "E2E", lastName: token("Person"), ...values })
        .returning();
      for (const [i, e164] of (identifiers.phones ?? []).entries()) {
        await database.db.insert(contactPhones).values({ contactId: contact!.id, e164, isPrimary: i === 0 });
      }
      for (const [i, email] of (identifiers.emails ?? []).entries()) {
        await database.db
          .insert(contactEmails)
          .values({ contactId: contact!.id, email, emailNormalized: email.trim().toLowerCase(), isPrimary: i === 0 });
      }
      return contact!;
    });
  },
  makeAttribute: async ({ database }, use) => {
    await use(async (values) => {
      const key = values.key ?? `e2e_${Math.random().toString(36).slice(2, 9)}`;
      const [attribute] = await database.db.insert(attributeDefinitions).values({ key, ...values }).returning();
      return attribute!;
    });
  },
});

export async function deactivate(database: Connection, id: number) {
  await database.db.update(users).set({ active: false }).where(eq(users.id, id));
}

export { expect };
