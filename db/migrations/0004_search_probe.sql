-- Up to `cap` contacts matching a quick search, found through the search indexes only. The planner
-- cannot estimate substring matches, and for rare ones its preferred sequential scan read the whole
-- table; the SET clauses (which also keep this function from being inlined) leave it the bitmap scans.
CREATE FUNCTION contacts_search_probe(pattern text, words text, cap integer) RETURNS SETOF bigint
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
  SELECT c.id FROM contacts c
  WHERE c.search_doc LIKE pattern OR c.attr_words @@ phraseto_tsquery('simple', words)
  LIMIT cap
$$;
