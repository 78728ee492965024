-- The default order (last interaction, newest first) with the search columns carried in the index:
-- a search that matches many contacts walks this index and checks each entry's search columns
-- without reading the table (an index-only scan), so a page of matches costs a few milliseconds.
CREATE INDEX IF NOT EXISTS contacts_last_interaction_search_idx
  ON contacts (last_interaction_at DESC NULLS LAST, id DESC) INCLUDE (search_doc, attr_words);
