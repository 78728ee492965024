"use client";

import type { ListParams } from "@/lib/contacts/list-params";
import { SearchBox } from "./search-box";
import { useListNavigation } from "./use-list-navigation";

interface ContactsSearchProps {
  params: ListParams;
}

/** The quick search, bound to the list's URL. */
export function ContactsSearch({ params }: ContactsSearchProps) {
  const { go } = useListNavigation(params);
  return <SearchBox value={params.search} onSearch={(search) => go({ search }, { replace: true })} />;
}
