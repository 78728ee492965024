import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { attributeDefinitions, contactAttributeValues, type AttributeDefinition } from "@/db/schema";
import { ATTRIBUTE_TYPES } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { flagSchema, idSchema } from "@/lib/forms";
import { countOf } from "@/lib/plural";
import { refuseControlChars } from "@/lib/fields/text";

export const ATTRIBUTE_TYPE_LABELS: Record<AttributeDefinition["type"], string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  dropdown: "Dropdown",
  boolean: "Yes / no",
};

/** Options arrive as a list (API) or one per line (the settings form). */
const optionsSchema = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (typeof v === "string" ? v.split(/\r?\n/) : (v ?? [])).map((o) => o.trim()).filter(Boolean))
  .superRefine(refuseControlChars("An option"));

const labelSchema = z.string().trim().min(1, "Enter a label.").max(80, "Use at most 80 characters.").superRefine(refuseControlChars("The label"));

export const createAttributeInput = z.object({
  label: labelSchema,
  key: z
    .string()
    .trim()
    .max(63)
    .regex(/^([a-z][a-z0-9_]*)?$/, "Use lower-case letters, digits and _, starting with a letter.")
    .optional(),
  type: z.enum(ATTRIBUTE_TYPES, { error: "Pick a type." }),
  options: optionsSchema,
});
export const updateAttributeInput = z.object({
  id: idSchema,
  label: labelSchema,
  options: optionsSchema,
  /** Clear the values of dropdown options being removed (refused without it when any is in use). */
  confirmRemovals: flagSchema,
});
export const deleteAttributeInput = z.object({ id: idSchema, confirm: flagSchema });

export interface DefinitionWithUsage extends AttributeDefinition {
  valueCount: number;
}

export async function listDefinitions(exec: Executor = db): Promise<AttributeDefinition[]> {
  return exec.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
}

export async function listDefinitionsWithUsage(): Promise<DefinitionWithUsage[]> {
  const [defs, usage] = await Promise.all([
    listDefinitions(),
    db
      .select({ id: contactAttributeValues.attributeId, n: count() })
      .from(contactAttributeValues)
      .groupBy(contactAttributeValues.attributeId),
  ]);
  return defs.map((d) => ({ ...d, valueCount: usage.find((u) => u.id === d.id)?.n ?? 0 }));
}

/** A machine key from a label: "Customer since" → customer_since. */
export function keyFromLabel(label: string): string {
  const base = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50);
  return /^[a-z]/.test(base) ? base : `attr_${base}`.replace(/_$/, "");
}

function checkOptions(type: AttributeDefinition["type"], options: string[]): string[] {
  if (type !== "dropdown") return [];
  const errors: string[] = [];
  if (options.length === 0) errors.push("A dropdown needs at least one option, one per line.");
  if (options.length > 200) errors.push("Use at most 200 options.");
  const seen = new Set<string>();
  for (const o of options) {
    if (o.length > 100) errors.push(`“${o.slice(0, 20)}…” is longer than 100 characters.`);
    if (seen.has(o.toLowerCase())) errors.push(`“${o}” is listed twice.`);
    seen.add(o.toLowerCase());
  }
  if (errors.length) throw new ValidationError(errors[0]!, { options: errors });
  return options;
}

export async function createDefinition(input: z.output<typeof createAttributeInput>, actor: Actor): Promise<AttributeDefinition> {
  const options = checkOptions(input.type, input.options);
  const key = input.key || keyFromLabel(input.label);
  try {
    return await db.transaction(async (tx) => {
      const [last] = await tx.select({ p: max(attributeDefinitions.position) }).from(attributeDefinitions);
      const [def] = await tx
        .insert(attributeDefinitions)
        .values({ key, label: input.label, type: input.type, options, position: (last?.p ?? -1) + 1 })
        .returning();
      await recordAudit(tx, actor, { action: "attribute.create", entityType: "attribute", entityId: def!.id, after: def });
      return def!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "attribute_definitions_key_key")) {
      const message = `An attribute with the key “${key}” already exists. Choose another key.`;
      throw new ConflictError(message, { reason: "key" }, { key: [message] });
    }
    throw error;
  }
}

/**
 * Renames an attribute and edits a dropdown's options. Key and type never change (import mappings,
 * the API and stored values depend on them). Removing an option that contacts have is refused unless
 * confirmed, and then clears those values: never silently.
 */
export async function updateDefinition(
  input: z.output<typeof updateAttributeInput>,
  actor: Actor,
): Promise<{ clearedValues: number }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, input.id)).for("update");
    if (!before) throw new NotFoundError("That attribute no longer exists.");
    const options = checkOptions(before.type, input.options);
    const removed = before.options.filter((o) => !options.includes(o));
    let clearedValues = 0;
    if (removed.length) {
      const inUse = await tx
        .select({ option: contactAttributeValues.textValue, n: count() })
        .from(contactAttributeValues)
        .where(and(eq(contactAttributeValues.attributeId, input.id), inArray(contactAttributeValues.textValue, removed)))
        .groupBy(contactAttributeValues.textValue);
      if (inUse.length && !input.confirmRemovals) {
        const list = inUse.map((u) => `“${u.option}” (${countOf(u.n, "contact")})`).join(", ");
        throw new ConflictError(
          `Contacts still have ${list}. Confirm to remove ${inUse.length === 1 ? "that option" : "those options"} and clear those values.`,
          { reason: "confirm", inUse },
        );
      }
      if (inUse.length) {
        const deleted = await tx
          .delete(contactAttributeValues)
          .where(and(eq(contactAttributeValues.attributeId, input.id), inArray(contactAttributeValues.textValue, removed)))
          .returning({ contactId: contactAttributeValues.contactId });
        clearedValues = deleted.length;
      }
    }
    const [after] = await tx
      .update(attributeDefinitions)
      .set({ label: input.label, options })
      .where(eq(attributeDefinitions.id, input.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "attribute.update",
      entityType: "attribute",
      entityId: input.id,
      before,
      after: { ...after, clearedValues },
    });
    return { clearedValues };
  });
}

/** Deletes an attribute; when contacts have a value for it, only once confirmed, removing the values. */
export async function deleteDefinition(input: z.output<typeof deleteAttributeInput>, actor: Actor): Promise<{ removedValues: number }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, input.id)).for("update");
    if (!before) throw new NotFoundError("That attribute no longer exists.");
    const [usage] = await tx.select({ n: count() }).from(contactAttributeValues).where(eq(contactAttributeValues.attributeId, input.id));
    const removedValues = usage?.n ?? 0;
    if (removedValues > 0 && !input.confirm) {
      throw new ConflictError(
        `${before.label} is set on ${countOf(removedValues, "contact")}. Confirm to delete it and those values.`,
        { reason: "confirm", count: removedValues },
      );
    }
    await tx.delete(attributeDefinitions).where(eq(attributeDefinitions.id, input.id));
    await recordAudit(tx, actor, {
      action: "attribute.delete",
      entityType: "attribute",
      entityId: input.id,
      before: { ...before, valueCount: removedValues },
      after: null,
    });
    return { removedValues };
  });
}
