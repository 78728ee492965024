CREATE INDEX "contacts_blocked_idx" ON "contacts" USING btree ("id") WHERE "contacts"."blocked";--> statement-breakpoint
CREATE INDEX "contacts_archived_idx" ON "contacts" USING btree ("id") WHERE "contacts"."archived";--> statement-breakpoint
CREATE INDEX "contacts_anonymous_idx" ON "contacts" USING btree ("id") WHERE "contacts"."anonymous";