CREATE TYPE "public"."activity_type" AS ENUM('call', 'message', 'conversation', 'order', 'task', 'ticket', 'note', 'created', 'edited', 'status_change', 'blocked', 'unblocked', 'archived', 'unarchived', 'tagged', 'untagged', 'assigned', 'merged', 'imported');--> statement-breakpoint
CREATE TYPE "public"."attribute_type" AS ENUM('text', 'number', 'date', 'dropdown', 'boolean');--> statement-breakpoint
CREATE TYPE "public"."bulk_action" AS ENUM('add_tags', 'remove_tags', 'assign', 'subscription', 'block', 'delete', 'export');--> statement-breakpoint
CREATE TYPE "public"."contact_status" AS ENUM('active', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'queued', 'running', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."lead_stage" AS ENUM('lead', 'contact', 'opportunity', 'customer');--> statement-breakpoint
CREATE TYPE "public"."merge_strategy" AS ENUM('phone', 'email', 'phone_and_email', 'never');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('agent', 'supervisor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."source_channel" AS ENUM('web_chat', 'email', 'whatsapp', 'facebook', 'phone', 'sms', 'import', 'api', 'manual', 'integration');--> statement-breakpoint
CREATE TYPE "public"."subscription_status" AS ENUM('not_set', 'subscribed', 'unsubscribed');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"role" "role" DEFAULT 'agent' NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_emails" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"email" text NOT NULL,
	"email_normalized" text NOT NULL,
	"label" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_emails_normalized" CHECK ("contact_emails"."email_normalized" = lower(btrim("contact_emails"."email")))
);
--> statement-breakpoint
CREATE TABLE "contact_external_ids" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"label" text NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_links_http" CHECK ("contact_links"."url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "contact_phones" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"e164" text NOT NULL,
	"label" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_phones_e164_format" CHECK ("contact_phones"."e164" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "contact_redirects" (
	"old_contact_id" bigint PRIMARY KEY NOT NULL,
	"old_contact_key" text NOT NULL,
	"contact_id" bigint NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_key" text NOT NULL,
	"first_name" text,
	"middle_name" text,
	"last_name" text,
	"full_name" text GENERATED ALWAYS AS (nullif(regexp_replace(btrim(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, '')), '\s+', ' ', 'g'), '')) STORED,
	"company" text,
	"job_title" text,
	"industry" text,
	"website" text,
	"street" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"country" text,
	"billing_street" text,
	"billing_city" text,
	"billing_region" text,
	"billing_postal_code" text,
	"billing_country" text,
	"language" text,
	"time_zone" text,
	"lead_stage" "lead_stage" DEFAULT 'contact' NOT NULL,
	"status" "contact_status" DEFAULT 'active' NOT NULL,
	"blocked" boolean DEFAULT false NOT NULL,
	"blocked_at" timestamp with time zone,
	"blocked_by_id" bigint,
	"archived" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"anonymous" boolean DEFAULT false NOT NULL,
	"source" "source_channel" DEFAULT 'manual' NOT NULL,
	"favorite_agent_id" bigint,
	"subscription" "subscription_status" DEFAULT 'not_set' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_interaction_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"search_doc" text DEFAULT '' NOT NULL,
	CONSTRAINT "contacts_contact_key_not_blank" CHECK (btrim("contacts"."contact_key") <> ''),
	CONSTRAINT "contacts_country_iso2" CHECK ("contacts"."country" is null or "contacts"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "contacts_billing_country_iso2" CHECK ("contacts"."billing_country" is null or "contacts"."billing_country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "contacts_blocked_at" CHECK ((not "contacts"."blocked") or "contacts"."blocked_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"author_id" bigint,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notes_body_not_blank" CHECK (btrim("notes"."body") <> '')
);
--> statement-breakpoint
CREATE TABLE "contact_tags" (
	"contact_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_tags_contact_id_tag_id_pk" PRIMARY KEY("contact_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT '#64748b' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_name_not_blank" CHECK (btrim("tags"."name") <> ''),
	CONSTRAINT "tags_color_hex" CHECK ("tags"."color" ~ '^#[0-9a-fA-F]{6}$')
);
--> statement-breakpoint
CREATE TABLE "attribute_definitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" "attribute_type" NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribute_definitions_key_format" CHECK ("attribute_definitions"."key" ~ '^[a-z][a-z0-9_]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "contact_attribute_values" (
	"contact_id" bigint NOT NULL,
	"attribute_id" bigint NOT NULL,
	"text_value" text,
	"number_value" numeric,
	"date_value" date,
	"bool_value" boolean,
	CONSTRAINT "contact_attribute_values_contact_id_attribute_id_pk" PRIMARY KEY("contact_id","attribute_id"),
	CONSTRAINT "contact_attribute_values_one_value" CHECK (num_nonnulls("contact_attribute_values"."text_value", "contact_attribute_values"."number_value", "contact_attribute_values"."date_value", "contact_attribute_values"."bool_value") = 1)
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" bigint NOT NULL,
	"type" "activity_type" NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"search" text,
	"owner_id" bigint NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "table_preferences" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"page_size" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text DEFAULT 'Switchboard' NOT NULL,
	"default_country" text DEFAULT 'US' NOT NULL,
	"merge_strategy_leads" "merge_strategy" DEFAULT 'phone' NOT NULL,
	"merge_strategy_contacts" "merge_strategy" DEFAULT 'phone' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_settings_singleton" CHECK ("workspace_settings"."id" = 1),
	CONSTRAINT "workspace_settings_country" CHECK ("workspace_settings"."default_country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "bulk_job_items" (
	"job_id" uuid NOT NULL,
	"contact_id" bigint NOT NULL,
	"done_at" timestamp with time zone,
	"id" bigserial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" "bulk_action" NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_by_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"file_size" bigint NOT NULL,
	"encoding" text,
	"delimiter" text,
	"headers" jsonb,
	"mapping" jsonb,
	"options" jsonb,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"merged_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"warning_count" integer DEFAULT 0 NOT NULL,
	"error_file_path" text,
	"last_error" text,
	"created_by_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" bigint,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_emails" ADD CONSTRAINT "contact_emails_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_external_ids" ADD CONSTRAINT "contact_external_ids_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_links" ADD CONSTRAINT "contact_links_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_phones" ADD CONSTRAINT "contact_phones_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_redirects" ADD CONSTRAINT "contact_redirects_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_blocked_by_id_users_id_fk" FOREIGN KEY ("blocked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_favorite_agent_id_users_id_fk" FOREIGN KEY ("favorite_agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_tags" ADD CONSTRAINT "contact_tags_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_tags" ADD CONSTRAINT "contact_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attribute_values" ADD CONSTRAINT "contact_attribute_values_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attribute_values" ADD CONSTRAINT "contact_attribute_values_attribute_id_attribute_definitions_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."attribute_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_preferences" ADD CONSTRAINT "table_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "login_failures_email_idx" ON "login_failures" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_idx" ON "login_failures" USING btree ("ip","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_key" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_emails_normalized_key" ON "contact_emails" USING btree ("email_normalized");--> statement-breakpoint
CREATE INDEX "contact_emails_contact_idx" ON "contact_emails" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_emails_one_primary" ON "contact_emails" USING btree ("contact_id") WHERE "contact_emails"."is_primary";--> statement-breakpoint
CREATE UNIQUE INDEX "contact_external_ids_key" ON "contact_external_ids" USING btree ("system","external_id");--> statement-breakpoint
CREATE INDEX "contact_external_ids_contact_idx" ON "contact_external_ids" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_links_contact_url_key" ON "contact_links" USING btree ("contact_id","url");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_phones_e164_key" ON "contact_phones" USING btree ("e164");--> statement-breakpoint
CREATE INDEX "contact_phones_contact_idx" ON "contact_phones" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_phones_one_primary" ON "contact_phones" USING btree ("contact_id") WHERE "contact_phones"."is_primary";--> statement-breakpoint
CREATE INDEX "contact_redirects_contact_idx" ON "contact_redirects" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_contact_key_key" ON "contacts" USING btree ("contact_key");--> statement-breakpoint
CREATE INDEX "contacts_last_interaction_idx" ON "contacts" USING btree ("last_interaction_at" desc nulls last,"id" desc);--> statement-breakpoint
CREATE INDEX "contacts_favorite_agent_idx" ON "contacts" USING btree ("favorite_agent_id");--> statement-breakpoint
CREATE INDEX "contacts_full_name_lower_idx" ON "contacts" USING btree (lower("full_name"));--> statement-breakpoint
CREATE INDEX "notes_contact_idx" ON "notes" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "contact_tags_tag_idx" ON "contact_tags" USING btree ("tag_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_lower_key" ON "tags" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "attribute_definitions_key_key" ON "attribute_definitions" USING btree ("key");--> statement-breakpoint
CREATE INDEX "contact_attribute_values_text_idx" ON "contact_attribute_values" USING btree ("attribute_id","text_value","contact_id");--> statement-breakpoint
CREATE INDEX "contact_attribute_values_number_idx" ON "contact_attribute_values" USING btree ("attribute_id","number_value","contact_id");--> statement-breakpoint
CREATE INDEX "contact_attribute_values_date_idx" ON "contact_attribute_values" USING btree ("attribute_id","date_value","contact_id");--> statement-breakpoint
CREATE INDEX "activities_contact_time_idx" ON "activities" USING btree ("contact_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "segments_owner_idx" ON "segments" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "bulk_job_items_job_idx" ON "bulk_job_items" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");