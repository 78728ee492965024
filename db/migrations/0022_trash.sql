ALTER TYPE "public"."activity_type" ADD VALUE 'trashed' BEFORE 'custom';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'restored' BEFORE 'custom';--> statement-breakpoint
ALTER TYPE "public"."bulk_action" ADD VALUE 'restore';--> statement-breakpoint
ALTER TYPE "public"."bulk_action" ADD VALUE 'purge';--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "trashed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "trashed_by_id" bigint;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_trashed_by_id_users_id_fk" FOREIGN KEY ("trashed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_trashed_idx" ON "contacts" USING btree ("trashed_at","id") WHERE "contacts"."trashed_at" is not null;