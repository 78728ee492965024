-- The line a phone number names (lib/phone.ts phoneMatchKey, the same rule): Argentina's mobiles are
-- +54 9 … from abroad and +54 … at home, both valid numbers, one person. Immutable, for the
-- generated column and its unique index.
CREATE FUNCTION phone_match_key(e164 text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN regexp_replace(e164, '^\+549([0-9]{10})$', '+54\1');--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"channel" text NOT NULL,
	"message_id" text NOT NULL,
	"contact_id" bigint,
	"status" integer,
	"answer" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_channel_message_id_pk" PRIMARY KEY("channel","message_id")
);
--> statement-breakpoint
CREATE TABLE "inbound_refusals" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbound_refusals_count_positive" CHECK ("inbound_refusals"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "contact_phones" ADD COLUMN "match_key" text GENERATED ALWAYS AS (phone_match_key(e164)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_refusals" ADD CONSTRAINT "inbound_refusals_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_messages_contact_idx" ON "inbound_messages" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_phones_match_key_idx" ON "contact_phones" USING btree ("match_key");--> statement-breakpoint
-- A pseudonymous web-chat visitor stays in Anonymous until a name, e-mail or phone is saved on it,
-- through whatever door: a phone or e-mail added, or the name changed from the pseudonym.
CREATE FUNCTION contacts_identified_by_identifier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts c SET anonymous = false FROM added a WHERE c.id = a.contact_id AND c.anonymous;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER contact_phones_identify AFTER INSERT ON contact_phones REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_identified_by_identifier();--> statement-breakpoint
CREATE TRIGGER contact_emails_identify AFTER INSERT ON contact_emails REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_identified_by_identifier();--> statement-breakpoint
CREATE FUNCTION contacts_identified_by_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.anonymous := false;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_identify_by_name BEFORE UPDATE OF first_name, middle_name, last_name ON contacts
  FOR EACH ROW WHEN (OLD.anonymous AND NEW.anonymous
    AND (OLD.first_name, OLD.middle_name, OLD.last_name) IS DISTINCT FROM (NEW.first_name, NEW.middle_name, NEW.last_name))
  EXECUTE FUNCTION contacts_identified_by_name();
