CREATE INDEX contacts_search_key_trgm ON contacts USING gin (search_key gin_trgm_ops);
--> statement-breakpoint
DROP INDEX IF EXISTS contacts_search_doc_trgm;
--> statement-breakpoint
DROP FUNCTION contacts_search_probe(text, text, integer);
--> statement-breakpoint
-- Up to `cap` contacts matching a quick search, found through the search indexes only. The planner
-- cannot estimate substring matches, and for rare ones its preferred sequential scan read the whole
-- table; the SET clauses (which also keep this function from being inlined) leave it the bitmap scans.
CREATE FUNCTION contacts_search_probe(key_pattern text, pattern text, words text, cap integer) RETURNS SETOF bigint
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
  SELECT c.id FROM contacts c
  WHERE (c.search_key LIKE key_pattern AND c.search_doc LIKE pattern) OR c.attr_words @@ phraseto_tsquery('simple', words)
  LIMIT cap
$$;
