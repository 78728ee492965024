import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { users, type Contact } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { countryName, isCountryCode } from "@/lib/countries";
import { ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import type { ActivityInput } from "./activity";
import { SYSTEM_FIELDS, type SystemField } from "./fields";
import { writeContact, type ContactChange, type Tx } from "./write";

/** The system fields the profile edits in place, straight from the registry. */
export const EDITABLE_FIELDS = SYSTEM_FIELDS.filter((f) => f.editable);
export type EditableFieldId = (typeof EDITABLE_FIELDS)[number]["id"];
const EDITABLE_IDS = EDITABLE_FIELDS.map((f) => f.id) as [EditableFieldId, ...EditableFieldId[]];

/** Field id → contacts column, where they differ. */
const COLUMN: Partial<Record<EditableFieldId, keyof Contact>> = { favoriteAgent: "favoriteAgentId" };
export function columnOf(id: EditableFieldId): keyof Contact {
  return COLUMN[id] ?? (id as keyof Contact);
}

export const updateFieldInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  field: z.enum(EDITABLE_IDS, { error: "That field cannot be edited." }),
  value: z.string().max(2000, "That is too long.").nullish(),
});

const TEXT_MAX: Partial<Record<EditableFieldId, number>> = { website: 500, street: 300, billingStreet: 300 };
const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

type Value = string | number | null;

/** Checks one value by the field's type; returns what to store (null clears it). */
async function parseValue(tx: Tx, field: SystemField & { id: EditableFieldId }, raw: string | null | undefined): Promise<Value> {
  const value = (raw ?? "").trim();
  const fail = (message: string): never => {
    throw new ValidationError(message, { value: [message] });
  };
  switch (field.type) {
    case "enum": {
      const option = field.options?.find((o) => o.value === value);
      if (!option) fail(`Pick one of: ${field.options?.map((o) => o.label).join(", ")}.`);
      return value;
    }
    case "country":
      if (!value) return null;
      if (!isCountryCode(value.toUpperCase())) fail("Pick a country from the list.");
      return value.toUpperCase();
    case "user": {
      if (!value) return null;
      const id = Number(value);
      if (!Number.isSafeInteger(id)) fail("Pick an agent from the list.");
      const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.active, true)));
      if (!user) fail("That agent does not exist or has been deactivated.");
      return id;
    }
    default: {
      if (!value) return null;
      const max = TEXT_MAX[field.id] ?? 200;
      if (value.length > max) fail(`Use at most ${max} characters.`);
      if (field.id === "language") {
        try {
          return Intl.getCanonicalLocales(value)[0]!;
        } catch {
          fail("Enter a language tag such as en, de or pt-BR.");
        }
      }
      if (field.id === "timeZone" && !TIME_ZONES.has(value)) fail("Pick a time zone such as Europe/Berlin from the list.");
      if (field.id === "website" && /\s/.test(value)) fail("Enter a web address without spaces.");
      return value;
    }
  }
}

async function describe(tx: Tx, field: SystemField, value: Value): Promise<string> {
  if (value === null) return `${field.label} cleared`;
  if (field.type === "enum") return `${field.label} set to ${field.options?.find((o) => o.value === value)?.label ?? value}`;
  if (field.type === "country") return `${field.label} set to ${countryName(String(value))}`;
  if (field.type === "user") {
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, Number(value)));
    return `${field.label} set to ${user?.name ?? "an agent"}`;
  }
  return `${field.label} set to “${value}”`;
}

function activityType(id: EditableFieldId): ActivityInput["type"] {
  if (id === "leadStage" || id === "status") return "status_change";
  if (id === "favoriteAgent") return "assigned";
  return "edited";
}

/**
 * Sets one default attribute of a contact (the profile saves a field at a time). Refused when the
 * contact changed since the form was loaded.
 */
export async function updateContactField(
  input: z.output<typeof updateFieldInput>,
  actor: Actor,
): Promise<{ changed: boolean }> {
  const field = EDITABLE_FIELDS.find((f) => f.id === input.field)!;
  const column = columnOf(input.field);
  return writeContact<{ changed: boolean }>({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.update",
    run: async (tx, before) => {
      const value = await parseValue(tx, field, input.value);
      const previous = before.contact[column] as Value;
      if (previous === value) return { unchanged: true, result: { changed: false } };
      return {
        patch: { [column]: value } as ContactChange<unknown>["patch"],
        activities: [
          {
            type: activityType(input.field),
            summary: await describe(tx, field, value),
            payload: { field: input.field, from: previous, to: value },
          },
        ],
        result: { changed: true },
      };
    },
  });
}
