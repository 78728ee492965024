-- Whole-word search over text, number and dropdown custom attribute values (SPEC §3), kept in
-- contacts.attr_words by the same trigger that keeps the search document.
CREATE FUNCTION contact_attr_words(p_id bigint) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('simple', coalesce(string_agg(coalesce(v.text_value, v.number_value::text), ' '), ''))
  FROM contact_attribute_values v
  JOIN attribute_definitions d ON d.id = v.attribute_id
  WHERE v.contact_id = p_id AND d.type IN ('text', 'number', 'dropdown');
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contacts_set_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_doc := contact_search_doc(NEW.id, NEW.first_name, NEW.middle_name, NEW.last_name);
  NEW.attr_words := contact_attr_words(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_ins AFTER INSERT ON contact_attribute_values REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_upd AFTER UPDATE ON contact_attribute_values REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
CREATE TRIGGER contact_attribute_values_search_del AFTER DELETE ON contact_attribute_values REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION identifiers_refresh_search_doc();
--> statement-breakpoint
UPDATE contacts SET search_doc = '' WHERE EXISTS (SELECT 1 FROM contact_attribute_values v WHERE v.contact_id = contacts.id);
