import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contacts } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { NotFoundError } from "@/lib/errors";
import { flagSchema, idSchema, versionSchema } from "@/lib/forms";
import { loadContactSnapshot, type ContactSnapshot } from "./snapshot";
import { contactDisplayName } from "./display";
import { GONE_MESSAGE, writeContact } from "./write";

export const setBlockedInput = z.object({ contactId: idSchema, version: versionSchema, blocked: flagSchema });
export const setArchivedInput = z.object({ contactId: idSchema, version: versionSchema, archived: flagSchema });
export const deleteContactInput = z.object({ contactId: idSchema });

/** Blocks or unblocks a contact, keeping when and by whom. Saying what it already is changes nothing. */
export async function setBlocked(input: z.output<typeof setBlockedInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: input.blocked ? "contact.block" : "contact.unblock",
    run: async (_tx, before) => {
      if (before.contact.blocked === input.blocked) return { unchanged: true, result: undefined };
      return {
        patch: input.blocked
          ? { blocked: true, blockedAt: new Date(), blockedById: actor.id }
          : { blocked: false, blockedAt: null, blockedById: null },
        activities: [input.blocked ? { type: "blocked", summary: "Contact blocked" } : { type: "unblocked", summary: "Contact unblocked" }],
        result: undefined,
      };
    },
  });
}

export async function setArchived(input: z.output<typeof setArchivedInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: input.archived ? "contact.archive" : "contact.unarchive",
    run: async (_tx, before) => {
      if (before.contact.archived === input.archived) return { unchanged: true, result: undefined };
      return {
        patch: input.archived ? { archived: true, archivedAt: new Date() } : { archived: false, archivedAt: null },
        activities: [
          input.archived ? { type: "archived", summary: "Contact archived" } : { type: "unarchived", summary: "Contact unarchived" },
        ],
        result: undefined,
      };
    },
  });
}

/**
 * Deletes a contact and everything that hangs off it (identifiers, notes, timeline). The audit entry
 * keeps the whole record as it was.
 */
export async function deleteContact(
  input: z.output<typeof deleteContactInput>,
  actor: Actor,
  /** Checked against the locked record before it goes; throws to refuse (the API's If-Match). */
  precondition?: (before: ContactSnapshot) => void,
): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, input.contactId)).for("update");
    if (!locked) throw new NotFoundError(GONE_MESSAGE);
    const before = (await loadContactSnapshot(tx, input.contactId))!;
    precondition?.(before);
    await tx.delete(contacts).where(eq(contacts.id, input.contactId));
    await recordAudit(tx, actor, { action: "contact.delete", entityType: "contact", entityId: input.contactId, before, after: null });
    return { name: contactDisplayName(before.contact) };
  });
}
