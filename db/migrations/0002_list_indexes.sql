DROP INDEX "contacts_full_name_lower_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "attr_words" "tsvector";--> statement-breakpoint
CREATE INDEX "contacts_name_sort_idx" ON "contacts" USING btree (lower("full_name"),"id");--> statement-breakpoint
CREATE INDEX "contacts_company_sort_idx" ON "contacts" USING btree (lower("company"),"id");--> statement-breakpoint
CREATE INDEX "contacts_created_sort_idx" ON "contacts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "contacts_updated_sort_idx" ON "contacts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_attr_words_idx" ON "contacts" USING gin ("attr_words");