import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { contactLinks } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import { writeContact } from "./write";
import { refuseControlChars } from "@/lib/fields/text";

export const addLinkInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  label: z.string().trim().max(100, "Use at most 100 characters.").superRefine(refuseControlChars("The label")).nullish(),
  url: z.string().trim().max(2000, "That address is too long."),
});
export const removeLinkInput = z.object({ contactId: idSchema, version: versionSchema, linkId: idSchema });

/** Only absolute http(s) addresses: a `javascript:` or `file:` link must never reach an agent's click. */
export function parseLinkUrl(raw: string): { ok: true; url: string; host: string } | { ok: false; message: string } {
  if (!raw) return { ok: false, message: "Enter the link's address." };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "Enter a full address starting with https:// or http://." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: "Only http:// and https:// links are allowed." };
  }
  return { ok: true, url: url.href, host: url.host };
}

export interface LinkView {
  id: number;
  label: string;
  url: string;
}

/** A contact's links, oldest first (the order the profile shows them in). */
export async function listLinks(contactId: number, exec: Executor = db): Promise<LinkView[]> {
  return exec
    .select({ id: contactLinks.id, label: contactLinks.label, url: contactLinks.url })
    .from(contactLinks)
    .where(eq(contactLinks.contactId, contactId))
    .orderBy(asc(contactLinks.id));
}

/** `version` is left out by the API: adding a link cannot undo anyone's edit (a repeated URL is still refused). */
type Unversioned<T extends { version: number }> = Omit<T, "version"> & { version?: number };

export async function addLink(input: Unversioned<z.output<typeof addLinkInput>>, actor: Actor): Promise<LinkView> {
  const parsed = parseLinkUrl(input.url);
  if (!parsed.ok) throw new ValidationError(parsed.message, { url: [parsed.message] });
  const label = input.label || parsed.host;
  return writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.link.add",
    run: async (tx, before) => {
      if (before.links.some((l) => l.url === parsed.url)) {
        throw new ValidationError("This contact already has this link.", { url: ["This contact already has this link."] });
      }
      const [link] = await tx.insert(contactLinks).values({ contactId: input.contactId, label, url: parsed.url }).returning();
      return {
        activities: [{ type: "edited", summary: `Link “${label}” added`, payload: { url: parsed.url } }],
        result: { id: link!.id, label: link!.label, url: link!.url },
      };
    },
  });
}

export async function removeLink(input: Unversioned<z.output<typeof removeLinkInput>>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.link.remove",
    run: async (tx) => {
      const [link] = await tx
        .delete(contactLinks)
        .where(and(eq(contactLinks.id, input.linkId), eq(contactLinks.contactId, input.contactId)))
        .returning();
      if (!link) throw new NotFoundError("That link is no longer on this contact.");
      return { activities: [{ type: "edited", summary: `Link “${link.label}” removed`, payload: { url: link.url } }], result: undefined };
    },
  });
}
