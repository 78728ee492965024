ALTER TYPE "public"."activity_type" ADD VALUE 'merge_undone' BEFORE 'imported';--> statement-breakpoint
CREATE TABLE "merge_journals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"primary_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"contact_ids" bigint[] NOT NULL,
	"journal" jsonb NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_id" bigint
);
--> statement-breakpoint
ALTER TABLE "merge_journals" ADD CONSTRAINT "merge_journals_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_journals" ADD CONSTRAINT "merge_journals_undone_by_id_users_id_fk" FOREIGN KEY ("undone_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merge_journals_primary_idx" ON "merge_journals" USING btree ("primary_id","merged_at");--> statement-breakpoint
CREATE INDEX "merge_journals_activity_idx" ON "merge_journals" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "merge_journals_contact_ids_idx" ON "merge_journals" USING gin ("contact_ids");