import { eq } from "drizzle-orm";
import { cache } from "react";
import { db } from "@/db";
import { inboundRefusals, users } from "@/db/schema";
import { loadContactSnapshot, type ContactSnapshot } from "./snapshot";

export interface Profile extends ContactSnapshot {
  blockedByName: string | null;
  /** Who moved it to Trash (a trashed profile is shown to admins only: app/…/contacts/[contactId]). */
  trashedByName: string | null;
  /** Inbound messages refused because the contact is blocked (lib/inbound): how many, and the last one's time. */
  inboundRefusals: { count: number; lastAt: Date } | null;
}

/**
 * What the profile page shows of a contact, or null when there is no such contact. Cached per request,
 * so the page and its metadata share one load.
 */
export const loadProfile = cache(async (id: number): Promise<Profile | null> => {
  const snapshot = await loadContactSnapshot(db, id);
  if (!snapshot) return null;
  const userName = async (id: number | null) => {
    if (!id) return null;
    const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
    return user?.name ?? null;
  };
  const [blockedByName, trashedByName] = await Promise.all([userName(snapshot.contact.blockedById), userName(snapshot.contact.trashedById)]);
  const [refusals] = await db
    .select({ count: inboundRefusals.count, lastAt: inboundRefusals.lastAt })
    .from(inboundRefusals)
    .where(eq(inboundRefusals.contactId, id));
  return { ...snapshot, blockedByName, trashedByName, inboundRefusals: refusals ?? null };
});

