CREATE INDEX IF NOT EXISTS "contacts_country_last_interaction_idx" ON "contacts" USING btree ("country","last_interaction_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- A dropdown value belongs to one attribute ("Enterprise" is only ever a plan): without these
-- statistics the planner multiplies the two selectivities and guessed 53 000 rows for 266 000.
CREATE STATISTICS IF NOT EXISTS contact_attribute_values_text_stats (dependencies, mcv)
  ON attribute_id, text_value FROM contact_attribute_values;
--> statement-breakpoint
ANALYZE contact_attribute_values;
