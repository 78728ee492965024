import { asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { contactTags, tags, type Tag } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, isUniqueViolation, NotFoundError } from "@/lib/errors";
import { refuseControlChars } from "@/lib/fields/text";
import { idSchema } from "@/lib/forms";

export const DEFAULT_TAG_COLOR = "#64748b";

export const tagNameSchema = z.string().trim().min(1, "Enter a tag name.").max(50, "Use at most 50 characters.").superRefine(refuseControlChars("The tag name"));
const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Pick a colour such as #2563eb.")
  .transform((c) => c.toLowerCase());

export const createTagInput = z.object({ name: tagNameSchema, color: colorSchema.optional().default(DEFAULT_TAG_COLOR) });
export const updateTagInput = z.object({ id: idSchema, name: tagNameSchema, color: colorSchema });
export const deleteTagInput = z.object({ id: idSchema });

export interface TagWithUsage extends Pick<Tag, "id" | "name" | "color"> {
  contactCount: number;
}

export async function listTags(exec: Executor = db): Promise<Pick<Tag, "id" | "name" | "color">[]> {
  return exec.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags).orderBy(asc(sql`lower(${tags.name})`));
}

export async function listTagsWithUsage(): Promise<TagWithUsage[]> {
  return db
    .select({ id: tags.id, name: tags.name, color: tags.color, contactCount: count(contactTags.contactId) })
    .from(tags)
    .leftJoin(contactTags, eq(contactTags.tagId, tags.id))
    .groupBy(tags.id)
    .orderBy(asc(sql`lower(${tags.name})`));
}

export async function findTagByName(ex: Executor, name: string): Promise<Tag | undefined> {
  const [tag] = await ex.select().from(tags).where(eq(sql`lower(${tags.name})`, name.trim().toLowerCase()));
  return tag;
}

function nameTaken(name: string) {
  const message = `A tag named “${name}” already exists.`;
  return new ConflictError(message, { reason: "tag" }, { name: [message] });
}

/** Creates a tag inside the caller's transaction (the profile creates and attaches in one go). */
export async function insertTag(tx: Executor, input: z.output<typeof createTagInput>, actor: Actor): Promise<Tag> {
  const [tag] = await tx.insert(tags).values({ name: input.name, color: input.color }).returning();
  await recordAudit(tx, actor, { action: "tag.create", entityType: "tag", entityId: tag!.id, after: tag });
  return tag!;
}

export async function createTag(input: z.output<typeof createTagInput>, actor: Actor): Promise<Tag> {
  try {
    return await db.transaction((tx) => insertTag(tx, input, actor));
  } catch (error) {
    if (isUniqueViolation(error, "tags_name_lower_key")) throw nameTaken(input.name);
    throw error;
  }
}

export async function updateTag(input: z.output<typeof updateTagInput>, actor: Actor): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(tags).where(eq(tags.id, input.id)).for("update");
      if (!before) throw new NotFoundError("That tag no longer exists.");
      const [after] = await tx.update(tags).set({ name: input.name, color: input.color }).where(eq(tags.id, input.id)).returning();
      await recordAudit(tx, actor, { action: "tag.update", entityType: "tag", entityId: input.id, before, after });
    });
  } catch (error) {
    if (isUniqueViolation(error, "tags_name_lower_key")) throw nameTaken(input.name);
    throw error;
  }
}

/** Deletes a tag and so removes it from every contact; the audit entry keeps how many had it. */
export async function deleteTag(input: z.output<typeof deleteTagInput>, actor: Actor): Promise<{ removedFrom: number }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(tags).where(eq(tags.id, input.id)).for("update");
    if (!before) throw new NotFoundError("That tag no longer exists.");
    const [usage] = await tx.select({ n: count() }).from(contactTags).where(eq(contactTags.tagId, input.id));
    await tx.delete(tags).where(eq(tags.id, input.id));
    const removedFrom = usage?.n ?? 0;
    await recordAudit(tx, actor, { action: "tag.delete", entityType: "tag", entityId: input.id, before: { ...before, contactCount: removedFrom }, after: null });
    return { removedFrom };
  });
}
