import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { contacts } from "@/db/schema";
import { contactDisplayName } from "./display";
import { notTrashed } from "./trashed";

export interface PossibleDuplicate {
  id: number;
  name: string;
  contactKey: string;
  reason: "name";
}

export interface DuplicatesResult {
  total: number;
  shown: PossibleDuplicate[];
}

/**
 * Other contacts that may be the same person: the same full name, case-insensitively (on the
 * `lower(full_name)` index). A phone or e-mail cannot be shared: the unique indexes refuse a second
 * holder and the profile's conflict message names the first one, so the name is what is left to
 * match on.
 */
export async function findPossibleDuplicates(contactId: number, fullName: string | null, limit = 10): Promise<DuplicatesResult> {
  if (!fullName) return { total: 0, shown: [] };
  const same = and(eq(sql`lower(${contacts.fullName})`, fullName.toLowerCase()), ne(contacts.id, contactId), notTrashed());
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
      .from(contacts)
      .where(same)
      .orderBy(asc(contacts.id))
      .limit(limit),
    db.select({ n: count() }).from(contacts).where(same),
  ]);
  return {
    total: total?.n ?? 0,
    shown: rows.map((r) => ({ id: r.id, name: contactDisplayName(r), contactKey: r.contactKey, reason: "name" as const })),
  };
}
