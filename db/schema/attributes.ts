import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { attributeTypeEnum } from "./enums";

export const attributeDefinitions = pgTable(
  "attribute_definitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Stable machine name used by import, export and the API. */
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: attributeTypeEnum("type").notNull(),
    /** The fixed options of a dropdown; empty for other types. */
    options: jsonb("options").$type<string[]>().notNull().default([]),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("attribute_definitions_key_key").on(t.key),
    check("attribute_definitions_key_format", sql`${t.key} ~ '^[a-z][a-z0-9_]{0,62}$'`),
  ],
);

/**
 * One typed column per attribute type, so that values sort and compare natively and a type mismatch
 * is a constraint violation rather than a string in the wrong place.
 */
export const contactAttributeValues = pgTable(
  "contact_attribute_values",
  {
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    attributeId: bigint("attribute_id", { mode: "number" })
      .notNull()
      .references(() => attributeDefinitions.id, { onDelete: "cascade" }),
    textValue: text("text_value"),
    numberValue: numeric("number_value"),
    dateValue: date("date_value"),
    boolValue: boolean("bool_value"),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.attributeId] }),
    index("contact_attribute_values_text_idx").on(t.attributeId, t.textValue, t.contactId),
    index("contact_attribute_values_number_idx").on(t.attributeId, t.numberValue, t.contactId),
    index("contact_attribute_values_date_idx").on(t.attributeId, t.dateValue, t.contactId),
    check(
      "contact_attribute_values_one_value",
      sql`num_nonnulls(${t.textValue}, ${t.numberValue}, ${t.dateValue}, ${t.boolValue}) = 1`,
    ),
  ],
);

export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;
