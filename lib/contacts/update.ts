import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { countryName } from "@/lib/countries";
import { ValidationError } from "@/lib/errors";
import { fail, ok, type Parsed } from "@/lib/fields/parsed";
import { missingValueMessage, parseSystemValue } from "@/lib/fields/system";
import { idSchema, versionSchema } from "@/lib/forms";
import type { ActivityInput } from "./activity";
import { columnOf, SYSTEM_FIELDS, type SystemField } from "./fields";
import type { ContactSnapshot } from "./snapshot";
import { writeContact, type ContactChange, type Tx } from "./write";

/** The system fields the profile edits in place, straight from the registry. */
export const EDITABLE_FIELDS = SYSTEM_FIELDS.filter((f) => f.editable);
export type EditableFieldId = (typeof EDITABLE_FIELDS)[number]["id"];
const EDITABLE_IDS = EDITABLE_FIELDS.map((f) => f.id) as [EditableFieldId, ...EditableFieldId[]];


export const updateFieldInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  field: z.enum(EDITABLE_IDS, { error: "That field cannot be edited." }),
  // Capped only against abuse: the value module holds each field's limit.
  value: z.string().max(20_000, "That is too long.").nullish(),
});

type Value = string | number | null;

/** The favorite agent (a user lookup, so not in the value module): an active user's id, or null to clear. */
export async function parseAgent(ex: Executor, raw: string | number | null | undefined): Promise<Parsed<number | null>> {
  const value = String(raw ?? "").trim();
  if (!value) return ok(null);
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) return fail("Pick an agent from the list.");
  const [user] = await ex.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.active, true)));
  return user ? ok(id) : fail("That agent does not exist or has been deactivated.");
}

/** Checks one value through the value module (the agent, a user lookup, here); returns what to store (null clears it). */
async function parseValue(tx: Tx, field: SystemField & { id: EditableFieldId }, raw: string | null | undefined): Promise<Value> {
  const refuse = (message: string): never => {
    throw new ValidationError(message, { value: [message] });
  };
  if (field.type === "user") {
    const agent = await parseAgent(tx, raw);
    return agent.ok ? agent.value : refuse(agent.message);
  }
  const parsed = parseSystemValue(field.id, raw);
  if (!parsed.ok) return refuse(parsed.message);
  // Lead stage, status and subscription always have a value: clearing one is refused.
  if (parsed.value === null && field.type === "enum") refuse(missingValueMessage(field));
  return parsed.value;
}

/** The timeline's words for a field set to a value (the profile's and the API's). */
export async function describeFieldChange(tx: Executor, field: SystemField, value: Value): Promise<string> {
  if (value === null) return `${field.label} cleared`;
  if (field.type === "enum") return `${field.label} set to ${field.options?.find((o) => o.value === value)?.label ?? value}`;
  if (field.type === "country") return `${field.label} set to ${countryName(String(value))}`;
  if (field.type === "user") {
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, Number(value)));
    return `${field.label} set to ${user?.name ?? "an agent"}`;
  }
  return `${field.label} set to “${value}”`;
}

/** The timeline event a changed field adds. */
export function fieldActivityType(id: EditableFieldId): ActivityInput["type"] {
  if (id === "leadStage" || id === "status") return "status_change";
  if (id === "favoriteAgent") return "assigned";
  return "edited";
}

/**
 * One default attribute's change inside a contact's write: the column to set and its timeline event,
 * or null when the value is what is stored. Refused (a ValidationError on "value") by the value module.
 */
export async function fieldChange(
  tx: Tx,
  before: ContactSnapshot,
  id: EditableFieldId,
  raw: string | null | undefined,
): Promise<{ patch: Record<string, Value>; activity: ActivityInput } | null> {
  const field = EDITABLE_FIELDS.find((f) => f.id === id)!;
  const column = columnOf(id);
  const value = await parseValue(tx, field, raw);
  const previous = before.contact[column] as Value;
  if (previous === value) return null;
  return {
    patch: { [column]: value },
    activity: { type: fieldActivityType(id), summary: await describeFieldChange(tx, field, value), payload: { field: id, from: previous, to: value } },
  };
}

/**
 * Sets one default attribute of a contact (the New contact form's "Add to … instead" fills a few).
 * Refused when the contact changed since the form was loaded.
 */
export async function updateContactField(
  input: z.output<typeof updateFieldInput>,
  actor: Actor,
  on: Executor = db,
): Promise<{ changed: boolean }> {
  return writeContact<{ changed: boolean }>({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.update",
    run: async (tx, before) => {
      const change = await fieldChange(tx, before, input.field, input.value);
      if (!change) return { unchanged: true, result: { changed: false } };
      return { patch: change.patch as ContactChange<unknown>["patch"], activities: [change.activity], result: { changed: true } };
    },
  }, on);
}
