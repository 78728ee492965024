CREATE TABLE "duplicate_cluster_members" (
	"cluster_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "duplicate_cluster_members_cluster_id_contact_id_pk" PRIMARY KEY("cluster_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "duplicate_clusters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"exact" boolean NOT NULL,
	"reasons" text[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_dismissals" (
	"low_id" bigint NOT NULL,
	"high_id" bigint NOT NULL,
	"decided_by_id" bigint,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duplicate_dismissals_low_id_high_id_pk" PRIMARY KEY("low_id","high_id"),
	CONSTRAINT "duplicate_dismissals_ordered" CHECK ("duplicate_dismissals"."low_id" < "duplicate_dismissals"."high_id")
);
--> statement-breakpoint
CREATE TABLE "duplicate_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_error" text,
	"created_by_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "duplicate_jobs_kind" CHECK ("duplicate_jobs"."kind" in ('compute', 'merge_exact'))
);
--> statement-breakpoint
ALTER TABLE "duplicate_cluster_members" ADD CONSTRAINT "duplicate_cluster_members_cluster_id_duplicate_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."duplicate_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_cluster_members" ADD CONSTRAINT "duplicate_cluster_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_low_id_contacts_id_fk" FOREIGN KEY ("low_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_high_id_contacts_id_fk" FOREIGN KEY ("high_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_jobs" ADD CONSTRAINT "duplicate_jobs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_cluster_members_contact_key" ON "duplicate_cluster_members" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "duplicate_clusters_order_idx" ON "duplicate_clusters" USING btree ("exact" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "duplicate_dismissals_high_idx" ON "duplicate_dismissals" USING btree ("high_id");--> statement-breakpoint
CREATE INDEX "duplicate_jobs_kind_created_idx" ON "duplicate_jobs" USING btree ("kind","created_at");--> statement-breakpoint
-- The duplicate finder's phone key (lib/duplicates/rules.ts): the line a number names, with the old
-- forms WhatsApp still sends (a Brazilian mobile without its ninth digit, a Mexican one with +52 1,
-- lib/phone.ts OLD_FORMS) read as the current form, then Argentina's +54 9 folded (phone_match_key).
CREATE FUNCTION duplicate_phone_key(e164 text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN phone_match_key(regexp_replace(regexp_replace(e164, '^\+55([1-9][1-9])([6-9][0-9]{7})$', '+55\19\2'), '^\+521([0-9]{10})$', '+52\1'));--> statement-breakpoint
-- The duplicate finder's e-mail key: Gmail ignores dots and a +tag in the local part, and
-- googlemail.com is gmail.com; every other address is its own key.
CREATE FUNCTION duplicate_email_key(email text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN email ~ '@(gmail|googlemail)\.com$'
    THEN replace(split_part(split_part(email, '@', 1), '+', 1), '.', '') || '@gmail.com'
    ELSE email END;--> statement-breakpoint
-- Only Gmail addresses can share a key (the others are unique already): a small partial index for
-- the incremental check of one contact's addresses.
CREATE INDEX contact_emails_duplicate_gmail_idx ON contact_emails (duplicate_email_key(email_normalized))
  WHERE email_normalized ~ '@(gmail|googlemail)\.com$';
